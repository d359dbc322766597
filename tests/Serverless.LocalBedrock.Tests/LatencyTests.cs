using Serverless.LocalBedrock.Configuration;
using Serverless.TestSupport;

namespace Serverless.LocalBedrock.Tests;

public sealed class LatencyTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public async Task A_response_takes_time_to_first_token_plus_output_at_the_token_rate_times_the_scale(double scale)
    {
        var time = new ManualTimeProvider();
        await using var server = await TestServer.StartAsync(s => s.Models[TestServer.NovaLite].Latency = new LatencySettings { TimeToFirstTokenMs = 800, OutputTokensPerSecond = 20 }, time);
        using var client = server.Client();
        var body = TestServer.ConverseBody("how long?", 300);
        var output = (await (await client.PostAsync(TestServer.NovaLite, "converse", body)).OkJsonAsync()).GetProperty("usage").GetProperty("outputTokens").GetInt32();

        server.Settings.TimeScale = scale;
        var expected = TimeSpan.FromMilliseconds((800 + (output * 50)) * scale);
        var pending = client.PostAsync(TestServer.NovaLite, "converse", body);
        await time.ForTimersAsync();
        time.Advance(expected - TimeSpan.FromMilliseconds(1));
        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await (await pending).OkJsonAsync();
        Assert.Equal((long)expected.TotalMilliseconds, result.GetProperty("metrics").GetProperty("latencyMs").GetInt64());
    }

    [Fact]
    public async Task A_stream_waits_for_the_first_token_before_its_first_frame()
    {
        var time = new ManualTimeProvider();
        await using var server = await TestServer.StartAsync(s =>
        {
            s.TimeScale = 1;
            s.Models[TestServer.NovaLite].Latency = new LatencySettings { TimeToFirstTokenMs = 2000, OutputTokensPerSecond = 1000 };
        }, time);
        using var client = server.Client();
        var pending = client.PostAsync(TestServer.NovaLite, "converse-stream", TestServer.ConverseBody("stream slowly", 300));
        await time.ForTimersAsync();
        time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await pending;

        // The rest of the stream is paced by tokens; push the clock on until it is all there.
        var reading = response.EventsAsync();
        while (!reading.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Yield();
        }

        var events = await reading;
        Assert.Equal("metadata", events[^1].EventType);
        Assert.True(events[^1].Json().GetProperty("metrics").GetProperty("latencyMs").GetInt64() >= 2000);
    }
}
