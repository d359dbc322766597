using System.Net;
using Serverless.Functions.Tests.Support;
using Serverless.LocalBedrock.Configuration;
using Serverless.Quota;
using Serverless.TestSupport;
using static Serverless.Functions.Tests.Support.TestEnvironment;

namespace Serverless.Functions.Tests.Functions;

/// <summary>POST /v1/invoke-stream/{modelId}: the native stream relayed chunk by chunk as SSE or NDJSON.</summary>
public class InvokeStreamTests
{
    private const string NovaBody = """{"messages":[{"role":"user","content":[{"text":"Stream please"}]}],"inferenceConfig":{"maxTokens":60}}""";

    [Fact]
    public async Task ChunksArriveAsServerSentEventsAndTheLastCarriesTheMetrics()
    {
        await using var env = await StartAsync();
        using var response = await env.PostAsync($"/v1/invoke-stream/{Nova}", NovaBody);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var stream = await StreamedEvents.OpenAsync(response);
        var events = await stream.ReadAllAsync();

        Assert.All(events, e => Assert.Equal("chunk", e.Name));
        Assert.NotNull(events[0].Data["messageStart"]);
        var metrics = events[^1].Data["amazon-bedrock-invocationMetrics"]!;
        var input = (long)metrics["inputTokenCount"]!;
        var output = (long)metrics["outputTokenCount"]!;
        var status = await env.StatusAsync(Nova);
        Assert.Equal(input + output, status.Scopes.Single(s => s.Kind == QuotaLimitKind.TokensPerMinute).Used);
    }

    [Theory]
    [InlineData("?format=ndjson", null)]
    [InlineData("", "application/x-ndjson")]
    public async Task NdjsonOnRequest(string query, string? accept)
    {
        await using var env = await StartAsync();
        using var response = await env.PostAsync($"/v1/invoke-stream/{Claude}{query}",
            """{"anthropic_version":"bedrock-2023-05-31","max_tokens":30,"messages":[{"role":"user","content":"Hi"}]}""", accept: accept);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        using var stream = await StreamedEvents.OpenAsync(response);
        var events = await stream.ReadAllAsync();
        Assert.Equal("message_start", (string)events[0].Data["type"]!);
        Assert.Equal("message_stop", (string)events[^1].Data["type"]!);
    }

    [Fact]
    public async Task AnUnknownFormatIsABadRequest()
    {
        await using var env = await StartAsync();
        using var response = await env.PostAsync($"/v1/invoke-stream/{Nova}?format=xml", NovaBody);
        await ErrorResponse.ExpectAsync(response, HttpStatusCode.BadRequest, "format");
    }

    [Fact]
    public async Task AMidStreamBedrockErrorBecomesAnErrorEventAndTheReservationIsSettled()
    {
        await using var env = await StartAsync(configure: c => c.Quota.Models[Nova].ConcurrentRequests = 4);
        env.Bedrock.Faults.Set("InvokeModelWithResponseStream", new FaultSettings { StreamCutAfterEvents = 3 });
        using var response = await env.PostAsync($"/v1/invoke-stream/{Nova}", NovaBody);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = await StreamedEvents.OpenAsync(response);
        var events = await stream.ReadAllAsync();

        Assert.Equal(3, events.Count(e => e.Name == "chunk"));
        var error = events[^1];
        Assert.Equal("error", error.Name);
        Assert.Equal("ModelStreamErrorException", (string)error.Data["error"]!["code"]!);

        // No usage arrived: the whole reservation stays charged (Bedrock may have generated more), the lease is released.
        var status = await env.StatusAsync(Nova);
        Assert.Equal(0, status.Scopes.Single(s => s.Kind == QuotaLimitKind.ConcurrentRequests).Used);
        Assert.True(status.Scopes.Single(s => s.Kind == QuotaLimitKind.TokensPerMinute).Used >= 60);
    }

    [Fact]
    public async Task AnErrorBeforeTheFirstChunkKeepsItsStatus()
    {
        await using var env = await StartAsync();
        env.Bedrock.Faults.Set("InvokeModelWithResponseStream", new FaultSettings { ThrottleNextRequests = 1 });
        using var response = await env.PostAsync($"/v1/invoke-stream/{Nova}", NovaBody);
        var error = await ErrorResponse.ReadAsync(response);
        Assert.Equal(HttpStatusCode.TooManyRequests, error.Status);
        Assert.Equal("ThrottlingException", error.Code);
        Assert.True(error.Retryable);
    }

    [Fact]
    public async Task TheFirstEventReachesTheClientBeforeTheModelHasProducedTheLast()
    {
        var clock = new ManualTimeProvider();
        await using var env = await StartAsync(bedrock: s => s.TimeScale = 1, bedrockClock: clock);
        var latency = env.Bedrock.Settings.Models[Nova].Latency;

        var sending = env.PostAsync($"/v1/invoke-stream/{Nova}", NovaBody);
        await clock.WaitForPendingTimersAsync();
        clock.Advance(TimeSpan.FromMilliseconds(latency.TimeToFirstTokenMs));
        using var response = await sending;
        using var stream = await StreamedEvents.OpenAsync(response);
        var first = await stream.NextAsync();
        Assert.NotNull(first!.Value.Data["messageStart"]);

        // The local Bedrock is now waiting (on the stopped clock) to produce the next tokens: nothing more exists yet.
        await clock.WaitForPendingTimersAsync();
        Assert.Equal(0, env.Bedrock.Stats().Responses.GetValueOrDefault("InvokeModelWithResponseStream:200"));

        clock.Advance(TimeSpan.FromMinutes(1));
        var rest = new List<(string, System.Text.Json.Nodes.JsonNode)>();
        while (await stream.NextAsync() is { } next)
        {
            rest.Add(next);
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.NotNull(rest[^1].Item2["amazon-bedrock-invocationMetrics"]);
    }

    [Fact]
    public async Task AClientThatGoesAwayMidStreamLeavesNoLeaseBehind()
    {
        var clock = new ManualTimeProvider();
        await using var env = await StartAsync(configure: c => c.Quota.Models[Nova].ConcurrentRequests = 4, bedrock: s => s.TimeScale = 1, bedrockClock: clock);
        var sending = env.PostAsync($"/v1/invoke-stream/{Nova}", NovaBody);
        await clock.WaitForPendingTimersAsync();
        clock.Advance(TimeSpan.FromMilliseconds(env.Bedrock.Settings.Models[Nova].Latency.TimeToFirstTokenMs));
        var response = await sending;
        var stream = await StreamedEvents.OpenAsync(response);
        Assert.NotNull(await stream.NextAsync());
        Assert.Equal(1, (await env.StatusAsync(Nova)).Scopes.Single(s => s.Kind == QuotaLimitKind.ConcurrentRequests).Used);

        // Hang up while Bedrock is still generating.
        stream.Dispose();
        response.Dispose();

        await Eventually.TrueAsync(
            async () => (await env.StatusAsync(Nova)).Scopes.Single(s => s.Kind == QuotaLimitKind.ConcurrentRequests).Used == 0,
            "the lease of the abandoned stream is released");
        var tokens = (await env.StatusAsync(Nova)).Scopes.Single(s => s.Kind == QuotaLimitKind.TokensPerMinute).Used;
        Assert.True(tokens >= 60, $"the reservation ({tokens} tokens) stays charged: Bedrock may have generated up to maxTokens");
    }
}
