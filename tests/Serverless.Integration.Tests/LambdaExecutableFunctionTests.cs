using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Hosting;
using Serverless.TestSupport;

namespace Serverless.Integration.Tests;

/// <summary>
/// The shipped Lambda executable as Lambda runs it — a process against a Runtime API — serving the inference
/// functions over the local Bedrock: API Gateway events in, HTTP API responses (or a Function URL stream) out.
/// </summary>
public sealed class LambdaExecutableFunctionTests
{
    private const string Nova = "amazon.nova-micro-v1:0";

    [Fact]
    public async Task Converse_answers_an_API_Gateway_event_with_the_model_reply()
    {
        await using var bedrock = await StartBedrockAsync();
        await using var api = await LocalRuntimeApi.StartAsync(ct: TestContext.Current.CancellationToken);
        await using var function = FunctionProcess.Start(api.Endpoint, Environment(bedrock, "converse"));

        var outcome = await Bounded(api.Enqueue(Event("POST", "/v1/converse", ConverseBody("Hello there"))).Outcome);

        Assert.Equal(InvocationOutcomeKind.Response, outcome.Kind);
        var response = outcome.BodyJson();
        Assert.Equal(200, response.GetProperty("statusCode").GetInt32());
        var body = JsonNode.Parse(response.GetProperty("body").GetString()!)!;
        Assert.Equal("assistant", (string)body["output"]!["message"]!["role"]!);
        Assert.True((int)body["usage"]!["outputTokens"]! > 0);
        Assert.Equal(1, bedrock.Stats().Responses.Values.Sum());
    }

    [Fact]
    public async Task A_bad_body_is_a_400_naming_the_field_and_never_reaches_Bedrock()
    {
        await using var bedrock = await StartBedrockAsync();
        await using var api = await LocalRuntimeApi.StartAsync(ct: TestContext.Current.CancellationToken);
        await using var function = FunctionProcess.Start(api.Endpoint, Environment(bedrock, "converse"));

        var outcome = await Bounded(api.Enqueue(Event("POST", "/v1/converse", """{"modelId":"amazon.nova-micro-v1:0","messages":"hi"}""")).Outcome);

        var response = outcome.BodyJson();
        Assert.Equal(400, response.GetProperty("statusCode").GetInt32());
        var error = JsonNode.Parse(response.GetProperty("body").GetString()!)!["error"]!;
        Assert.Contains("messages", (string)error["message"]!, StringComparison.Ordinal);
        Assert.False((bool)error["retryable"]!);
        Assert.Empty(bedrock.Stats().Responses);
    }

    [Fact]
    public async Task Converse_stream_answers_a_Function_URL_event_with_the_prelude_then_server_sent_events()
    {
        await using var bedrock = await StartBedrockAsync();
        await using var api = await LocalRuntimeApi.StartAsync(ct: TestContext.Current.CancellationToken);
        await using var function = FunctionProcess.Start(api.Endpoint, Environment(bedrock, "converse-stream"));

        var outcome = await Bounded(api.Enqueue(Event("POST", "/v1/converse-stream", ConverseBody("Stream to me"))).Outcome);

        Assert.Equal(InvocationOutcomeKind.StreamedResponse, outcome.Kind);
        Assert.Equal("application/vnd.awslambda.http-integration-response", outcome.ContentType);
        var delimiter = outcome.Body.AsSpan().IndexOf(new byte[8]);
        Assert.True(delimiter > 0, "the prelude ends with 8 NUL bytes");
        var prelude = JsonDocument.Parse(outcome.Body.AsMemory(0, delimiter)).RootElement;
        Assert.Equal(200, prelude.GetProperty("statusCode").GetInt32());
        Assert.StartsWith("text/event-stream", prelude.GetProperty("headers").GetProperty("content-type").GetString(), StringComparison.Ordinal);
        var events = Encoding.UTF8.GetString(outcome.Body.AsSpan(delimiter + 8));
        Assert.Contains("messageStart", events, StringComparison.Ordinal);
        Assert.Contains("contentBlockDelta", events, StringComparison.Ordinal);
        Assert.Contains("metadata", events, StringComparison.Ordinal);
        Assert.Null(outcome.TrailerErrorType);
    }

    private static Task<InvocationOutcome> Bounded(Task<InvocationOutcome> outcome)
        => outcome.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

    private static Task<LocalBedrockServer> StartBedrockAsync()
        => LocalBedrockServer.StartAsync(SettingsLoader.Defaults(), new LocalBedrockServerOptions { Port = 0 }, TestContext.Current.CancellationToken);

    private static (string, string)[] Environment(LocalBedrockServer bedrock, string handler) =>
    [
        ("_HANDLER", handler),
        ("BEDROCK_ENDPOINT_URL", bedrock.BaseAddress.ToString()),
        ("BEDROCK_REGION", "us-east-1"),
        ("AWS_ACCESS_KEY_ID", "AKIDLOCAL"),
        ("AWS_SECRET_ACCESS_KEY", "local-secret"),
        ("AWS_SESSION_TOKEN", ""),
    ];

    private static string ConverseBody(string text)
        => new JsonObject
        {
            ["modelId"] = Nova,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["text"] = text }) }),
            ["inferenceConfig"] = new JsonObject { ["maxTokens"] = 40 },
        }.ToJsonString();

    /// <summary>An HTTP API payload 2.0 event as API Gateway (or a Function URL) builds it, with an IAM caller.</summary>
    private static byte[] Event(string method, string path, string body) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["version"] = "2.0",
        ["routeKey"] = $"{method} {path}",
        ["rawPath"] = path,
        ["rawQueryString"] = "",
        ["headers"] = new JsonObject { ["content-type"] = "application/json" },
        ["requestContext"] = new JsonObject
        {
            ["accountId"] = "123456789012",
            ["apiId"] = "api1",
            ["requestId"] = "req-1",
            ["http"] = new JsonObject { ["method"] = method, ["path"] = path, ["protocol"] = "HTTP/1.1", ["sourceIp"] = "127.0.0.1", ["userAgent"] = "test" },
            ["authorizer"] = new JsonObject { ["iam"] = new JsonObject { ["userArn"] = "arn:aws:iam::123456789012:user/alice", ["accountId"] = "123456789012" } },
        },
        ["body"] = body,
        ["isBase64Encoded"] = false,
    }.ToJsonString());
}
