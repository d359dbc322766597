using System.Text.Json;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Hosting;
using Serverless.TestSupport;

namespace Serverless.LocalBedrock.Tests;

public sealed class QuotaTests
{
    private static async Task<int> InputTokensAsync(HttpClient client, string model, string converseBody)
        => (await (await client.PostAsync(model, "count-tokens", "{\"input\":{\"converse\":" + converseBody + "}}")).OkJsonAsync()).GetProperty("inputTokens").GetInt32();

    private static void OnlyQuota(LocalBedrockSettings settings, string model, QuotaSettings quota) => settings.Models[model].Quota = quota;

    [Fact]
    public async Task Requests_per_minute_throttle_then_recover_as_the_window_rolls()
    {
        var time = new ManualTimeProvider();
        await using var server = await TestServer.StartAsync(s => OnlyQuota(s, TestServer.NovaLite, new QuotaSettings { RequestsPerMinute = 2 }), time);
        using var client = server.Client();
        Assert.Equal(200, (int)(await client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("a"))).StatusCode);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(200, (int)(await client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("b"))).StatusCode);
        using var throttled = await client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("c"));
        Assert.Equal(429, (int)throttled.StatusCode);
        Assert.Equal("ThrottlingException", throttled.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal("Too many requests, please wait before trying again.", (await throttled.JsonAsync()).GetProperty("message").GetString());

        time.Advance(TimeSpan.FromSeconds(30)); // the first request leaves the window
        Assert.Equal(200, (int)(await client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("d"))).StatusCode);
        var stats = server.Stats().Models[TestServer.NovaLite];
        Assert.Equal(3, stats.Admitted);
        Assert.Equal(1, stats.ThrottledRequestsPerMinute);
    }

    [Fact]
    public async Task Tokens_per_minute_reserve_input_plus_max_tokens_and_settle_with_burndown()
    {
        var time = new ManualTimeProvider();
        await using var server = await TestServer.StartAsync(s =>
        {
            OnlyQuota(s, TestServer.Sonnet45, new QuotaSettings { TokensPerMinute = 5000 });
            s.Models[TestServer.Sonnet45].Latency = new LatencySettings { TimeToFirstTokenMs = 1000, OutputTokensPerSecond = 10 };
            s.TimeScale = 1;
        }, time);
        using var client = server.Client();
        var body = TestServer.ConverseBody("reserve me", maxTokens: 1000);
        var input = await InputTokensAsync(client, TestServer.Sonnet45, body);

        var inFlight = client.PostAsync(TestServer.Sonnet45, "converse", body);
        await time.ForTimersAsync();
        Assert.Equal(input + 1000, server.Stats().Models[TestServer.Sonnet45].TokensLastMinute); // reserved
        time.Advance(TimeSpan.FromSeconds(30));
        using var done = await inFlight;
        var output = (await done.OkJsonAsync()).GetProperty("usage").GetProperty("outputTokens").GetInt32();
        var settled = input + (output * 5);
        Assert.Equal(settled, server.Stats().Models[TestServer.Sonnet45].TokensLastMinute);

        server.Settings.TimeScale = 0;
        var room = 5000 - settled - input;
        using var tooBig = await client.PostAsync(TestServer.Sonnet45, "converse", TestServer.ConverseBody("reserve me", maxTokens: room + 1));
        Assert.Equal(429, (int)tooBig.StatusCode);
        Assert.Equal("Too many tokens, please wait before trying again.", (await tooBig.JsonAsync()).GetProperty("message").GetString());
        using var fits = await client.PostAsync(TestServer.Sonnet45, "converse", TestServer.ConverseBody("reserve me", maxTokens: room));
        Assert.Equal(200, (int)fits.StatusCode);
        Assert.Equal(1, server.Stats().Models[TestServer.Sonnet45].ThrottledTokensPerMinute);
    }

    [Fact]
    public async Task Burndown_of_one_settles_at_input_plus_output()
    {
        await using var server = await TestServer.StartAsync(s => OnlyQuota(s, TestServer.NovaLite, new QuotaSettings { TokensPerMinute = 100_000 }));
        using var client = server.Client();
        var usage = (await (await client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("one to one", 500))).OkJsonAsync()).GetProperty("usage");
        Assert.Equal(usage.GetProperty("totalTokens").GetInt32(), server.Stats().Models[TestServer.NovaLite].TokensLastMinute);
    }

    [Fact]
    public async Task Missing_max_tokens_reserves_the_model_default()
    {
        var time = new ManualTimeProvider();
        await using var server = await TestServer.StartAsync(s =>
        {
            OnlyQuota(s, TestServer.NovaLite, new QuotaSettings { TokensPerMinute = 100_000 });
            s.Models[TestServer.NovaLite].DefaultMaxTokens = 777;
            s.TimeScale = 1;
        }, time);
        using var client = server.Client();
        var body = TestServer.ConverseBody("default please");
        var input = await InputTokensAsync(client, TestServer.NovaLite, body);
        var inFlight = client.PostAsync(TestServer.NovaLite, "converse", body);
        await time.ForTimersAsync();
        Assert.Equal(input + 777, server.Stats().Models[TestServer.NovaLite].TokensLastMinute);
        time.Advance(TimeSpan.FromMinutes(1));
        (await inFlight).Dispose();
    }

    [Fact]
    public async Task Concurrent_requests_beyond_the_limit_are_throttled()
    {
        var time = new ManualTimeProvider();
        await using var server = await TestServer.StartAsync(s =>
        {
            OnlyQuota(s, TestServer.NovaLite, new QuotaSettings { ConcurrentRequests = 1 });
            s.TimeScale = 1;
        }, time);
        using var client = server.Client();
        var first = client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("slow one"));
        await time.ForTimersAsync();
        Assert.Equal(1, server.Stats().Models[TestServer.NovaLite].InFlight);
        using var second = await client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("second"));
        Assert.Equal(429, (int)second.StatusCode);
        Assert.Equal("Too many requests, please wait before trying again.", (await second.JsonAsync()).GetProperty("message").GetString());

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(200, (int)(await first).StatusCode);
        server.Settings.TimeScale = 0;
        Assert.Equal(200, (int)(await client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("third"))).StatusCode);
        Assert.Equal(1, server.Stats().Models[TestServer.NovaLite].ThrottledConcurrency);
    }

    [Fact]
    public async Task Tokens_per_day_outlast_the_minute_window()
    {
        var time = new ManualTimeProvider();
        await using var server = await TestServer.StartAsync(s => OnlyQuota(s, TestServer.NovaLite, new QuotaSettings { TokensPerDay = 1000 }), time);
        using var client = server.Client();
        Assert.Equal(200, (int)(await client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("spend", 700))).StatusCode);
        time.Advance(TimeSpan.FromMinutes(5));
        using var refused = await client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("spend", 950));
        Assert.Equal(429, (int)refused.StatusCode);
        Assert.Equal("Too many tokens per day, please wait before trying again.", (await refused.JsonAsync()).GetProperty("message").GetString());
        time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(200, (int)(await client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("spend", 950))).StatusCode);
        Assert.Equal(1, server.Stats().Models[TestServer.NovaLite].ThrottledTokensPerDay);
    }

    [Fact]
    public async Task An_inference_profile_has_its_own_counters_and_stats_are_served_as_json()
    {
        await using var server = await TestServer.StartAsync(s => OnlyQuota(s, TestServer.Sonnet45, new QuotaSettings { RequestsPerMinute = 1 }));
        using var client = server.Client();
        Assert.Equal(200, (int)(await client.PostAsync(TestServer.Sonnet45, "converse", TestServer.ConverseBody("a"))).StatusCode);
        Assert.Equal(200, (int)(await client.PostAsync(TestServer.Sonnet45Profile, "converse", TestServer.ConverseBody("a"))).StatusCode);
        Assert.Equal(429, (int)(await client.PostAsync(TestServer.Sonnet45Profile, "converse", TestServer.ConverseBody("a"))).StatusCode);

        var stats = await (await client.GetAsync("_local/stats", TestContext.Current.CancellationToken)).OkJsonAsync();
        var profile = stats.GetProperty("models").GetProperty(TestServer.Sonnet45Profile);
        Assert.Equal(1, profile.GetProperty("admitted").GetInt32());
        Assert.Equal(1, profile.GetProperty("throttled").GetInt32());
        Assert.Equal(1, stats.GetProperty("models").GetProperty(TestServer.Sonnet45).GetProperty("admitted").GetInt32());
        Assert.Equal(1, stats.GetProperty("responses").GetProperty("Converse:429").GetInt32());
    }
}
