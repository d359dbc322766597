using Serverless.LocalBedrock.Endpoints;
using System.Text;
using Serverless.LocalBedrock.Configuration;
using Serverless.TestSupport;

namespace Serverless.LocalBedrock.Tests;

public sealed class FaultTests
{
    [Theory]
    [InlineData("ModelTimeoutException", 408)]
    [InlineData("ServiceUnavailableException", 503)]
    [InlineData("InternalServerException", 500)]
    [InlineData("ModelErrorException", 424)]
    [InlineData("ModelNotReadyException", 429)]
    [InlineData("AccessDeniedException", 403)]
    public async Task An_error_rate_of_one_returns_the_configured_error_with_its_status(string kind, int status)
    {
        await using var server = await TestServer.StartAsync(s => s.Faults[Operations.Converse] = new FaultSettings { ErrorRate = 1, ErrorKind = kind });
        using var client = server.Client();
        using var response = await client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("x"));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(kind, response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.False(string.IsNullOrEmpty((await response.JsonAsync()).GetProperty("message").GetString()));
        Assert.Equal(200, (int)(await client.PostAsync(TestServer.NovaLite, "invoke", """{"messages":[{"role":"user","content":[{"text":"x"}]}]}""")).StatusCode);
    }

    [Fact]
    public async Task The_error_dice_are_the_same_for_the_same_seed()
    {
        async Task<string> RunAsync()
        {
            await using var server = await TestServer.StartAsync(s => s.Faults["*"] = new FaultSettings { ErrorRate = 0.5 });
            using var client = server.Client();
            var statuses = new StringBuilder();
            for (var i = 0; i < 16; i++)
            {
                statuses.Append((int)(await client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("x"))).StatusCode).Append(' ');
            }

            return statuses.ToString();
        }

        var first = await RunAsync();
        Assert.Equal(first, await RunAsync());
        Assert.Contains("500", first);
        Assert.Contains("200", first);
    }

    [Fact]
    public async Task A_throttle_burst_refuses_the_next_n_requests()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        server.Faults.Set(Operations.InvokeModel, new FaultSettings { ThrottleNextRequests = 2 });
        Assert.Equal(429, (int)(await client.PostAsync(TestServer.Haiku3, "invoke", TestServer.AnthropicBody("a"))).StatusCode);
        Assert.Equal(429, (int)(await client.PostAsync(TestServer.Haiku3, "invoke", TestServer.AnthropicBody("a"))).StatusCode);
        Assert.Equal(200, (int)(await client.PostAsync(TestServer.Haiku3, "invoke", TestServer.AnthropicBody("a"))).StatusCode);
        Assert.Equal(2, server.Stats().FaultsInjected["InvokeModel:ThrottlingException"]);
    }

    [Fact]
    public async Task A_throttle_window_ends_on_time()
    {
        var time = new ManualTimeProvider();
        await using var server = await TestServer.StartAsync(time: time);
        using var client = server.Client();
        server.Faults.Set("*", new FaultSettings { ThrottleUntil = time.GetUtcNow().AddSeconds(30) });
        Assert.Equal(429, (int)(await client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("a"))).StatusCode);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(200, (int)(await client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("a"))).StatusCode);
    }

    [Theory]
    [InlineData("modelStreamErrorException")]
    [InlineData("throttlingException")]
    public async Task A_stream_cut_ends_with_an_exception_frame_after_n_events(string kind)
    {
        await using var server = await TestServer.StartAsync(s => s.Faults[Operations.ConverseStream] = new FaultSettings { StreamCutAfterEvents = 2, StreamCutKind = kind });
        using var client = server.Client();
        using var response = await client.PostAsync(TestServer.NovaLite, "converse-stream", TestServer.ConverseBody("cut me", 500));
        var events = await response.EventsAsync();
        Assert.Equal(3, events.Count);
        Assert.All(events.Take(2), e => Assert.Equal("event", e.MessageType));
        Assert.Equal("exception", events[2].MessageType);
        Assert.Equal(kind, events[2].ExceptionType);
        Assert.False(string.IsNullOrEmpty(events[2].Json().GetProperty("message").GetString()));
    }

    [Fact]
    public async Task An_abort_cut_drops_the_connection_mid_stream()
    {
        await using var server = await TestServer.StartAsync(s => s.Faults[Operations.InvokeModelWithResponseStream] = new FaultSettings { StreamCutAfterEvents = 2, StreamCutKind = "abort" });
        using var client = server.Client();

        // The reset can overtake the frames already flushed, so the failure may surface while reading the headers or the body.
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var response = await client.PostAsync(TestServer.Haiku3, "invoke-with-response-stream", TestServer.AnthropicBody("abort", 500));
            await response.EventsAsync();
        });
        Assert.True(error is IOException or HttpRequestException, error.ToString());
        Assert.Equal(1, server.Stats().FaultsInjected["InvokeModelWithResponseStream:streamCut:abort"]);
    }

    [Fact]
    public async Task A_slow_first_byte_holds_the_headers_back()
    {
        var time = new ManualTimeProvider();
        await using var server = await TestServer.StartAsync(s => s.Faults[Operations.Converse] = new FaultSettings { SlowFirstByteMs = 5000 }, time);
        using var client = server.Client();
        var pending = client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("slow"));
        await time.ForTimersAsync();
        time.Advance(TimeSpan.FromMilliseconds(4999));
        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(200, (int)(await pending).StatusCode);
    }

    [Fact]
    public async Task Faults_can_be_flipped_over_http()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        using var set = new StringContent("""{"Converse":{"errorRate":1,"errorKind":"ServiceUnavailableException"}}""", Encoding.UTF8, "application/json");
        Assert.Equal(204, (int)(await client.PostAsync("_local/faults", set, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(503, (int)(await client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("x"))).StatusCode);
        Assert.Equal(204, (int)(await client.DeleteAsync("_local/faults", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(200, (int)(await client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("x"))).StatusCode);

        using var bad = new StringContent("""{"Converse":{"errorRate":1,"errorKind":"NoSuchException"}}""", Encoding.UTF8, "application/json");
        using var refused = await client.PostAsync("_local/faults", bad, TestContext.Current.CancellationToken);
        Assert.Equal(400, (int)refused.StatusCode);
        Assert.Contains("errorKind", (await refused.JsonAsync()).GetProperty("message").GetString());
    }
}
