using System.Text.Json.Nodes;
using Serverless.Bedrock;
using Serverless.Bedrock.Model;
using Serverless.TestSupport;
using static Serverless.Integration.Tests.SignedServer;

namespace Serverless.Integration.Tests;

/// <summary>
/// The same request through the official JS SDK and through our C# client must come back the same: seeded generation
/// makes the answer a function of the request, so any difference means one client sent (or read) something else.
/// </summary>
public sealed class CrossClientTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> ConverseCases => new()
    {
        { "plain", Haiku3 },
        { "plain", NovaLite },
        { "structured", Sonnet45 },
        { "tool", Sonnet45 },
    };

    [Theory]
    [MemberData(nameof(ConverseCases))]
    public async Task Converse_gives_both_clients_the_same_content_stop_reason_and_usage(string kind, string modelId)
    {
        var body = kind switch
        {
            "structured" => Requests.Structured(),
            "tool" => Requests.ForcedTool(),
            _ => Requests.Converse(),
        };
        await using var server = await SignedServer.StartAsync();
        using var client = new BedrockRuntimeClient(server.ClientOptions());

        var js = await server.JsSdk().RunAsync(JsSdkCall.Runtime("Converse", Requests.JsConverse(modelId, body)), Token);
        var cs = await client.ConverseAsync(Requests.CsConverse(modelId, body), Token);

        Assert.True(js.Ok, js.ToString());
        Assert.Equal((string)js.Output["stopReason"]!, cs.StopReason);
        AssertSameUsage(js.Output["usage"]!, cs.Usage);
        var jsContent = js.Output["output"]!["message"]!["content"]!.AsArray();
        Assert.Equal(jsContent.Count, cs.Output.Message!.Content.Count);
        for (var i = 0; i < jsContent.Count; i++)
        {
            var csBlock = cs.Output.Message.Content[i];
            Assert.Equal((string?)jsContent[i]!["text"], csBlock.Text);
            if (jsContent[i]!["toolUse"] is { } jsTool)
            {
                Assert.Equal((string?)jsTool["name"], csBlock.ToolUse!.Name);
                Assert.Equal((string?)jsTool["toolUseId"], csBlock.ToolUse.ToolUseId);
                Assert.True(JsonNode.DeepEquals(jsTool["input"], JsonNode.Parse(csBlock.ToolUse.Input.GetRawText())), $"{jsTool["input"]} vs {csBlock.ToolUse.Input}");
            }
        }
    }

    [Fact]
    public async Task ConverseStream_deltas_and_metadata_are_the_same_for_both_clients_and_match_converse()
    {
        var body = Requests.Converse(maxTokens: 120, question: "Explain event streams in two sentences.");
        await using var server = await SignedServer.StartAsync();
        using var client = new BedrockRuntimeClient(server.ClientOptions());

        var js = await server.JsSdk(Transport.H2c).RunAsync(
        [
            JsSdkCall.Runtime("ConverseStream", Requests.JsConverse(Haiku3, body)),
            JsSdkCall.Runtime("Converse", Requests.JsConverse(Haiku3, body)),
        ], Token);
        var csEvents = new List<ConverseStreamOutput>();
        await foreach (var e in client.ConverseStreamAsync(Requests.CsConverseStream(Haiku3, body), Token))
        {
            csEvents.Add(e);
        }

        Assert.All(js, r => Assert.True(r.Ok, r.ToString()));
        var jsEvents = js[0].Events.Select(e => e!.AsObject()).ToList();
        var jsText = string.Concat(jsEvents.Select(e => (string?)e["contentBlockDelta"]?["delta"]?["text"]));
        var csText = string.Concat(csEvents.Select(e => e.ContentBlockDelta?.Delta.Text));
        Assert.False(string.IsNullOrWhiteSpace(csText));
        Assert.Equal(jsText, csText);
        Assert.Equal(JsSdkRuntimeTests.ConverseText(js[1].Output), csText);
        Assert.Equal(jsEvents.Select(e => e.Single().Key), csEvents.Select(e => e.EventType));
        Assert.Equal((string?)jsEvents[^2]["messageStop"]!["stopReason"], csEvents[^2].MessageStop!.StopReason);
        AssertSameUsage(jsEvents[^1]["metadata"]!["usage"]!, csEvents[^1].Metadata!.Usage);
    }

    [Fact]
    public async Task InvokeModel_anthropic_body_is_the_same_for_both_clients()
    {
        var body = Requests.AnthropicInvoke(maxTokens: 90);
        await using var server = await SignedServer.StartAsync();
        using var client = new BedrockRuntimeClient(server.ClientOptions());

        var js = await server.JsSdk().RunAsync(JsSdkCall.Runtime("InvokeModel", Requests.JsInvoke(Haiku3, body)), Token);
        var cs = JsonNode.Parse((await client.InvokeModelAsync(new InvokeModelRequest { ModelId = Haiku3, Body = Requests.Utf8(body) }, Token)).Body.Span)!;

        Assert.True(js.Ok, js.ToString());
        var jsBody = js.Output["body"]!;
        foreach (var member in new[] { "content", "stop_reason", "usage", "model" })
        {
            Assert.True(JsonNode.DeepEquals(jsBody[member], cs[member]), $"{member}: {jsBody[member]?.ToJsonString()} vs {cs[member]?.ToJsonString()}");
        }
    }

    private static void AssertSameUsage(JsonNode js, TokenUsage cs)
    {
        Assert.Equal((int)js["inputTokens"]!, cs.InputTokens);
        Assert.Equal((int)js["outputTokens"]!, cs.OutputTokens);
        Assert.Equal((int)js["totalTokens"]!, cs.TotalTokens);
        Assert.True(cs.OutputTokens > 0);
    }
}
