using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.LocalBedrock.Hosting;
using Serverless.LocalBedrock.Jobs.Storage;
using Serverless.TestSupport;
using static Serverless.Integration.Tests.SignedServer;

namespace Serverless.Integration.Tests;

/// <summary>
/// One signed local Bedrock, and every runtime call sent through the official JS SDK once per transport: over h2c
/// (the SDK's default HTTP/2 handler) and over HTTP/1.1. Two node processes serve all the tests below.
/// </summary>
public sealed class JsSdkRuntimeFixture : IAsyncLifetime
{
    private readonly Dictionary<Transport, Dictionary<string, JsSdkResult>> _results = [];
    private LocalBedrockServer? _server;

    public static IReadOnlyList<(string Name, JsSdkCall Call)> Calls { get; } =
    [
        ("anthropic", JsSdkCall.Runtime("InvokeModel", Requests.JsInvoke(Haiku3, Requests.AnthropicInvoke()))),
        ("nova", JsSdkCall.Runtime("InvokeModel", Requests.JsInvoke(NovaLite, Requests.NovaInvoke()))),
        ("titan", JsSdkCall.Runtime("InvokeModel", Requests.JsInvoke(TitanExpress, Requests.TitanInvoke()))),
        ("anthropic-stream", JsSdkCall.Runtime("InvokeModelWithResponseStream", Requests.JsInvoke(Haiku3, Requests.AnthropicInvoke()))),
        ("converse", JsSdkCall.Runtime("Converse", Requests.JsConverse(Haiku3, Requests.Converse()))),
        ("converse-stream", JsSdkCall.Runtime("ConverseStream", Requests.JsConverse(Haiku3, Requests.Converse()))),
        ("count-tokens", JsSdkCall.Runtime("CountTokens", Requests.JsCountTokens(Haiku3, Requests.Converse()))),
        ("structured", JsSdkCall.Runtime("Converse", Requests.JsConverse(Sonnet45, Requests.Structured()))),
        ("tool", JsSdkCall.Runtime("Converse", Requests.JsConverse(Sonnet45, Requests.ForcedTool()))),
        ("tool-stream", JsSdkCall.Runtime("ConverseStream", Requests.JsConverse(Sonnet45, Requests.ForcedTool()))),
    ];

    public LocalBedrockServer Server => _server ?? throw new InvalidOperationException("not started");

    public JsSdkResult Result(Transport transport, string name)
    {
        var result = _results[transport][name];
        Assert.True(result.Ok, $"{name} over {transport} failed: {result}");
        return result;
    }

    public async ValueTask InitializeAsync()
    {
        _server = await SignedServer.StartAsync();
        var token = TestContext.Current.CancellationToken;
        var transports = new[] { Transport.H2c, Transport.Http1 };
        var runs = await Task.WhenAll(transports.Select(t => _server.JsSdk(t).RunAsync(Calls.Select(c => c.Call), token)));
        for (var i = 0; i < transports.Length; i++)
        {
            _results[transports[i]] = Calls.Select((c, n) => (c.Name, Result: runs[i][n])).ToDictionary(p => p.Name, p => p.Result);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

public sealed class JsSdkRuntimeTests(JsSdkRuntimeFixture fixture) : IClassFixture<JsSdkRuntimeFixture>
{
    public static TheoryData<Transport> Transports => [Transport.H2c, Transport.Http1];

    [Theory]
    [MemberData(nameof(Transports))]
    public void InvokeModel_anthropic_messages_returns_the_native_message(Transport transport)
    {
        var output = fixture.Result(transport, "anthropic").Output;
        Assert.Equal("application/json", (string?)output["contentType"]);
        var body = output["body"]!;
        Assert.StartsWith("msg_bdrk_01", (string?)body["id"]);
        Assert.Equal("message", (string?)body["type"]);
        Assert.Equal("assistant", (string?)body["role"]);
        Assert.Equal("claude-3-haiku-20240307", (string?)body["model"]);
        var block = Assert.Single(body["content"]!.AsArray())!;
        Assert.Equal("text", (string?)block["type"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)block["text"]));
        Assert.Contains((string?)body["stop_reason"], new[] { "end_turn", "max_tokens" });
        Assert.True((int)body["usage"]!["input_tokens"]! > 0);
        Assert.InRange((int)body["usage"]!["output_tokens"]!, 1, 60);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void InvokeModel_nova_returns_output_message_and_usage(Transport transport)
    {
        var body = fixture.Result(transport, "nova").Output["body"]!;
        Assert.Equal("assistant", (string?)body["output"]!["message"]!["role"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["output"]!["message"]!["content"]![0]!["text"]));
        Assert.Contains((string?)body["stopReason"], new[] { "end_turn", "max_tokens" });
        var usage = body["usage"]!;
        Assert.True((int)usage["inputTokens"]! > 0);
        Assert.Equal((int)usage["inputTokens"]! + (int)usage["outputTokens"]!, (int)usage["totalTokens"]!);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void InvokeModel_titan_text_returns_results(Transport transport)
    {
        var body = fixture.Result(transport, "titan").Output["body"]!;
        Assert.True((int)body["inputTextTokenCount"]! > 0);
        var result = Assert.Single(body["results"]!.AsArray())!;
        Assert.False(string.IsNullOrWhiteSpace((string?)result["outputText"]));
        Assert.InRange((int)result["tokenCount"]!, 1, 60);
        Assert.Contains((string?)result["completionReason"], new[] { "FINISH", "LENGTH" });
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void InvokeModelWithResponseStream_anthropic_chunks_arrive_in_order_with_invocation_metrics(Transport transport)
    {
        var chunks = fixture.Result(transport, "anthropic-stream").Events.Select(e => e!["chunk"]!).ToList();
        var types = chunks.Select(c => (string)c["type"]!).ToList();
        Assert.Equal("message_start", types[0]);
        Assert.Equal("content_block_start", types[1]);
        Assert.True(types.Count > 6, string.Join(",", types));
        Assert.All(types[2..^3], t => Assert.Equal("content_block_delta", t));
        Assert.Equal(["content_block_stop", "message_delta", "message_stop"], types[^3..]);

        var metrics = chunks[^1]["amazon-bedrock-invocationMetrics"]!;
        Assert.Equal((int)chunks[0]["message"]!["usage"]!["input_tokens"]!, (int)metrics["inputTokenCount"]!);
        Assert.Equal((int)chunks[^2]["usage"]!["output_tokens"]!, (int)metrics["outputTokenCount"]!);

        // Seeded generation: the streamed text is exactly what InvokeModel answered to the same body.
        var streamed = string.Concat(chunks.Where(c => (string?)c["type"] == "content_block_delta").Select(c => (string)c["delta"]!["text"]!));
        var whole = fixture.Result(transport, "anthropic").Output["body"]!["content"]![0]!["text"]!.GetValue<string>();
        Assert.Equal(whole, streamed);
        Assert.Equal((string?)fixture.Result(transport, "anthropic").Output["body"]!["stop_reason"], (string?)chunks[^2]["delta"]!["stop_reason"]);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void Converse_returns_text_stop_reason_and_usage(Transport transport)
    {
        var output = fixture.Result(transport, "converse").Output;
        Assert.Equal("assistant", (string?)output["output"]!["message"]!["role"]);
        Assert.False(string.IsNullOrWhiteSpace(ConverseText(output)));
        Assert.Contains((string?)output["stopReason"], new[] { "end_turn", "max_tokens" });
        var usage = output["usage"]!;
        Assert.InRange((int)usage["outputTokens"]!, 1, 80);
        Assert.Equal((int)usage["inputTokens"]! + (int)usage["outputTokens"]!, (int)usage["totalTokens"]!);
        Assert.True(output["metrics"]!["latencyMs"] is not null);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void ConverseStream_events_run_from_messageStart_to_metadata_and_match_converse(Transport transport)
    {
        var events = fixture.Result(transport, "converse-stream").Events.Select(e => e!.AsObject()).ToList();
        var kinds = events.Select(e => e.Single().Key).ToList();
        Assert.Equal("messageStart", kinds[0]);
        Assert.Equal("assistant", (string?)events[0]["messageStart"]!["role"]);
        Assert.All(kinds[1..^3], k => Assert.Equal("contentBlockDelta", k));
        Assert.Equal(["contentBlockStop", "messageStop", "metadata"], kinds[^3..]);

        var converse = fixture.Result(transport, "converse").Output;
        var deltas = string.Concat(events.Skip(1).SkipLast(3).Select(e => (string)e["contentBlockDelta"]!["delta"]!["text"]!));
        Assert.Equal(ConverseText(converse), deltas);
        Assert.Equal((string?)converse["stopReason"], (string?)events[^2]["messageStop"]!["stopReason"]);
        Assert.True(JsonNode.DeepEquals(converse["usage"], events[^1]["metadata"]!["usage"]), events[^1].ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void CountTokens_equals_converse_input_tokens(Transport transport)
    {
        var counted = (int)fixture.Result(transport, "count-tokens").Output["inputTokens"]!;
        Assert.True(counted > 0);
        Assert.Equal((int)fixture.Result(transport, "converse").Output["usage"]!["inputTokens"]!, counted);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void Structured_output_text_is_json_with_the_required_members(Transport transport)
    {
        var output = fixture.Result(transport, "structured").Output;
        using var document = JsonDocument.Parse(ConverseText(output));
        var root = document.RootElement;
        Assert.Equal(["city", "population", "tags"], root.EnumerateObject().Select(p => p.Name).Order());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("city").GetString()));
        Assert.True(root.GetProperty("population").GetInt64() >= 0);
        Assert.NotEmpty(root.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void Forced_tool_choice_returns_a_tool_use_block(Transport transport)
    {
        var output = fixture.Result(transport, "tool").Output;
        Assert.Equal("tool_use", (string?)output["stopReason"]);
        var toolUse = output["output"]!["message"]!["content"]!.AsArray().Select(b => b!["toolUse"]).Single(t => t is not null)!;
        Assert.Equal(Requests.ToolName, (string?)toolUse["name"]);
        Assert.StartsWith("tooluse_", (string?)toolUse["toolUseId"]);
        AssertWeatherInput(toolUse["input"]!);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void Forced_tool_choice_streams_a_tool_use_block(Transport transport)
    {
        var events = fixture.Result(transport, "tool-stream").Events.Select(e => e!.AsObject()).ToList();
        var start = events.Select(e => e["contentBlockStart"]).Single(e => e is not null)!;
        Assert.Equal(Requests.ToolName, (string?)start["start"]!["toolUse"]!["name"]);
        Assert.StartsWith("tooluse_", (string?)start["start"]!["toolUse"]!["toolUseId"]);
        var input = string.Concat(events.Select(e => e["contentBlockDelta"]).Where(d => d is not null).Select(d => (string)d!["delta"]!["toolUse"]!["input"]!));
        AssertWeatherInput(JsonNode.Parse(input)!);
        Assert.Equal("tool_use", (string?)events.Select(e => e["messageStop"]).Single(e => e is not null)!["stopReason"]);
        Assert.Equal("metadata", events[^1].Single().Key);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AsyncInvoke_start_get_and_list_round_trip(Transport transport)
    {
        var token = TestContext.Current.CancellationToken;
        var server = fixture.Server;
        var sdk = server.JsSdk(transport);
        var outputUri = $"s3://async-out/{transport}";
        var start = await sdk.RunAsync(JsSdkCall.Runtime("StartAsyncInvoke", new JsonObject
        {
            ["modelId"] = Haiku3,
            ["modelInput"] = Requests.AnthropicInvoke(),
            ["outputDataConfig"] = new JsonObject { ["s3OutputDataConfig"] = new JsonObject { ["s3Uri"] = outputUri } },
        }), token);
        Assert.True(start.Ok, start.ToString());
        var arn = (string)start.Output["invocationArn"]!;
        Assert.StartsWith("arn:aws:bedrock:us-east-1:123456789012:async-invoke/", arn);

        await server.Jobs.WaitForAsyncInvokeStatusAsync(arn, "Completed", token);

        var results = await sdk.RunAsync(
        [
            JsSdkCall.Runtime("GetAsyncInvoke", new JsonObject { ["invocationArn"] = arn }),
            JsSdkCall.Runtime("ListAsyncInvokes", new JsonObject { ["statusEquals"] = "Completed", ["sortOrder"] = "Descending" }),
        ], token);
        Assert.All(results, r => Assert.True(r.Ok, r.ToString()));
        var invocation = results[0].Output;
        Assert.Equal(arn, (string?)invocation["invocationArn"]);
        Assert.Equal("Completed", (string?)invocation["status"]);
        Assert.Equal(outputUri, (string?)invocation["outputDataConfig"]!["s3OutputDataConfig"]!["s3Uri"]);
        Assert.Contains(results[1].Output["asyncInvokeSummaries"]!.AsArray(), s => (string?)s!["invocationArn"] == arn);

        var id = arn[(arn.LastIndexOf('/') + 1)..];
        var written = await server.ObjectStore.GetAsync(S3ObjectUri.Parse($"{outputUri}/{id}/output.json"), token);
        Assert.NotNull(written);
        var body = JsonNode.Parse(Encoding.UTF8.GetString(written))!;
        Assert.Equal("message", (string?)body["type"]);
        Assert.Equal("text", (string?)body["content"]![0]!["type"]);
    }

    internal static string ConverseText(JsonNode converseOutput)
        => string.Concat(converseOutput["output"]!["message"]!["content"]!.AsArray().Select(b => (string?)b!["text"] ?? ""));

    private static void AssertWeatherInput(JsonNode input)
    {
        Assert.Equal(JsonValueKind.String, input["location"]!.GetValueKind());
        Assert.Contains((string?)input["unit"], new[] { "celsius", "fahrenheit" });
    }
}
