using System.Net;
using System.Text.Json.Nodes;
using Serverless.Functions.Tests.Support;
using Serverless.Quota;
using static Serverless.Functions.Tests.Support.TestEnvironment;

namespace Serverless.Functions.Tests.Functions;

/// <summary>POST /v1/converse and /v1/converse-stream without memory.</summary>
public class ConverseTests
{
    [Fact]
    public async Task ConverseAnswersWithBedrocksResponseAndSettlesToItsUsage()
    {
        await using var env = await StartAsync();
        var body = await env.PostJsonAsync("/v1/converse", ConverseBody(ClaudeProfile, "Why settle a reservation?", 80));

        Assert.Equal("assistant", (string)body["output"]!["message"]!["role"]!);
        Assert.False(string.IsNullOrEmpty((string)body["output"]!["message"]!["content"]![0]!["text"]!));
        Assert.Null(body["conversationId"]);
        var usage = body["usage"]!;
        var status = await env.StatusAsync(ClaudeProfile);
        // Claude Haiku 4.5 burns 5 quota tokens per output token.
        Assert.Equal((long)usage["inputTokens"]! + (5 * (long)usage["outputTokens"]!), status.Scopes.Single(s => s.Kind == QuotaLimitKind.TokensPerMinute).Used);
    }

    [Fact]
    public async Task SystemPromptsInferenceGuardrailAndToolConfigurationArePassedThrough()
    {
        await using var env = await StartAsync();
        var body = await env.PostJsonAsync("/v1/converse", """
            {"modelId":"anthropic.claude-3-haiku-20240307-v1:0",
             "system":[{"text":"Be brief."}],
             "messages":[{"role":"user","content":[{"text":"Weather?"}]}],
             "inferenceConfig":{"maxTokens":50,"temperature":0.2,"stopSequences":["zzz"]},
             "guardrailConfig":{"guardrailIdentifier":"gr-1","guardrailVersion":"1","trace":"enabled"},
             "toolConfig":{"tools":[{"toolSpec":{"name":"weather","inputSchema":{"json":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}}],"toolChoice":{"tool":{"name":"weather"}}}}
            """);
        // The forced tool proves toolConfig reached Bedrock.
        Assert.Equal("tool_use", (string)body["stopReason"]!);
        var call = body["output"]!["message"]!["content"]![0]!["toolUse"]!;
        Assert.Equal("weather", (string)call["name"]!);
        Assert.NotNull(call["input"]!["city"]);
    }

    [Fact]
    public async Task WithoutMaxTokensTheConfiguredDefaultIsSentAndReserved()
    {
        await using var env = await StartAsync(configure: c => c.Models[Claude].DefaultMaxTokens = 5);
        var body = await env.PostJsonAsync("/v1/converse", ConverseBody(Claude, "Tell me everything about quotas."));
        // Bedrock stopped at the 5 tokens the function sent for it.
        Assert.Equal("max_tokens", (string)body["stopReason"]!);
        Assert.Equal(5, (int)body["usage"]!["outputTokens"]!);
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":[{"text":"x"}]}]}""", "modelId")]
    [InlineData("""{"modelId":5,"messages":[]}""", "modelId")]
    [InlineData("""{"modelId":"  ","messages":[]}""", "modelId")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0"}""", "messages")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","messages":"hello"}""", "messages")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","messages":[{"role":"user","content":[{"text":5}]}]}""", "messages[0].content[0].text")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","messages":[{"role":"user","content":[]}]}""", "messages[0].content")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","messages":[{"role":"user","content":[{"text":"x"}]}],"inferenceConfig":{"maxTokens":"ten"}}""", "inferenceConfig.maxTokens")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","messages":[{"role":"user","content":[{"text":"x"}]}],"inferenceConfig":{"maxTokens":0}}""", "inferenceConfig.maxTokens")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","messages":[{"role":"user","content":[{"text":"x"}]}],"inferenceConfig":{"temperature":3}}""", "inferenceConfig.temperature")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0", "messages": [""", "body")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","messages":[{"role":"user","content":[{"text":"x"}]}],"newConversation":"yes"}""", "newConversation")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","messages":[{"role":"user","content":[{"text":"x"}]}],"conversationId":"has spaces"}""", "conversationId")]
    [InlineData("null", "body")]
    [InlineData("", "body")]
    public async Task BadBodiesAreRefusedNamingTheFieldBeforeAnyQuotaIsSpent(string body, string field)
    {
        await using var env = await StartAsync();
        foreach (var path in new[] { "/v1/converse", "/v1/converse-stream" })
        {
            using var response = await env.PostAsync(path, body);
            await ErrorResponse.ExpectAsync(response, HttpStatusCode.BadRequest, field);
        }

        Assert.Equal(0, env.Ledger.Counters.Decisions);
        Assert.Empty(env.Bedrock.Stats().Responses);
    }

    [Fact]
    public async Task WhereConfiguredInputTokensAreCountedExactlyBeforeReserving()
    {
        await using var env = await StartAsync(configure: c => c.Models[Claude].CountTokens = true);
        Assert.NotNull(await env.PostJsonAsync("/v1/converse", ConverseBody(Claude, "Count me before you reserve.", 30)));
        Assert.Equal(1, env.BedrockResponses("CountTokens"));
        using var invoke = await env.PostAsync($"/v1/invoke/{Claude}", """{"anthropic_version":"bedrock-2023-05-31","max_tokens":10,"messages":[{"role":"user","content":"Hi"}]}""");
        Assert.Equal(HttpStatusCode.OK, invoke.StatusCode);
        Assert.Equal(2, env.BedrockResponses("CountTokens"));

        // Other models are estimated locally.
        Assert.NotNull(await env.PostJsonAsync("/v1/converse", ConverseBody(Nova, "Estimate me.", 30)));
        Assert.Equal(2, env.BedrockResponses("CountTokens"));
    }

    [Fact]
    public async Task AnUnknownModelIsNotFound()
    {
        await using var env = await StartAsync();
        using var response = await env.PostAsync("/v1/converse", ConverseBody("acme.nothing-v1:0", "Hi"));
        Assert.Equal("UnknownModel", (await ErrorResponse.ExpectAsync(response, HttpStatusCode.NotFound, "modelId")).Code);
    }

    [Fact]
    public async Task ConverseStreamRelaysEveryEventAsItsOwnEvent()
    {
        await using var env = await StartAsync();
        using var response = await env.PostAsync("/v1/converse-stream", ConverseBody(Nova, "Stream it", 40));
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var stream = await StreamedEvents.OpenAsync(response);
        var events = await stream.ReadAllAsync();

        Assert.Equal("messageStart", events[0].Name);
        Assert.Equal("assistant", (string)events[0].Data["role"]!);
        Assert.Contains(events, e => e.Name == "contentBlockDelta" && e.Data["delta"]!["text"] is not null);
        Assert.Equal("messageStop", events[^2].Name);
        Assert.Equal("metadata", events[^1].Name);
        var usage = events[^1].Data["usage"]!;
        var used = (await env.StatusAsync(Nova)).Scopes.Single(s => s.Kind == QuotaLimitKind.TokensPerMinute).Used;
        Assert.Equal((long)usage["inputTokens"]! + (long)usage["outputTokens"]!, used);
    }

    [Fact]
    public async Task ConverseStreamAsNdjsonUsesTheEventUnionPerLine()
    {
        await using var env = await StartAsync();
        using var response = await env.PostAsync("/v1/converse-stream?format=ndjson", ConverseBody(Nova, "Stream it", 40));
        using var stream = await StreamedEvents.OpenAsync(response);
        var events = await stream.ReadAllAsync();
        Assert.Equal(["messageStart", "contentBlockDelta"], events.Take(2).Select(e => e.Name));
        Assert.Equal("metadata", events[^1].Name);
    }

    [Fact]
    public async Task AStreamedToolCallArrivesAsStartAndInputDeltas()
    {
        await using var env = await StartAsync();
        using var response = await env.PostAsync("/v1/converse-stream", ConverseBody(Claude, "Weather?", 200,
            ""","toolConfig":{"tools":[{"toolSpec":{"name":"weather","inputSchema":{"json":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}}],"toolChoice":{"any":{}}}"""));
        using var stream = await StreamedEvents.OpenAsync(response);
        var events = await stream.ReadAllAsync();
        var start = events.Single(e => e.Name == "contentBlockStart").Data;
        Assert.Equal("weather", (string)start["start"]!["toolUse"]!["name"]!);
        var input = string.Concat(events.Where(e => e.Name == "contentBlockDelta").Select(e => (string)e.Data["delta"]!["toolUse"]!["input"]!));
        Assert.NotNull(JsonNode.Parse(input)!["city"]);
    }
}
