using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Faults;
using Serverless.TestSupport;
using static Serverless.Integration.Tests.SignedServer;

namespace Serverless.Integration.Tests;

/// <summary>
/// The official JS SDK's view of the local Bedrock's errors: each must arrive as the modelled exception the SDK knows
/// (name, fault, HTTP status) and be classified by the SDK's own retry logic the way Bedrock's would be.
/// </summary>
public sealed class JsSdkErrorTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static JsSdkCall Converse(string modelId = Haiku3, int maxTokens = 40)
        => JsSdkCall.Runtime("Converse", Requests.JsConverse(modelId, Requests.Converse(maxTokens)));

    [Fact]
    public async Task Throttle_burst_is_a_ThrottlingException_and_a_retrying_sdk_gets_through()
    {
        await using var server = await SignedServer.StartAsync();

        server.Faults.Set("Converse", new FaultSettings { ThrottleNextRequests = 1 });
        var failed = await server.JsSdk(maxAttempts: 1).RunAsync(Converse(), Token);
        Assert.False(failed.Ok);
        Assert.Equal("ThrottlingException", failed.ErrorName);
        Assert.True((bool)failed.Error["isThrottling"]!);
        Assert.Equal(429, (int?)failed.Error["httpStatus"]);
        Assert.Equal(1, (int?)failed.Error["attempts"]);

        server.Faults.Set("Converse", new FaultSettings { ThrottleNextRequests = 1 });
        var retried = await server.JsSdk(maxAttempts: 3).RunAsync(Converse(), Token);
        Assert.True(retried.Ok, retried.ToString());
        Assert.Equal(2, retried.Attempts);
        Assert.Equal(2, server.Faults.Injected()["Converse:ThrottlingException"]);
    }

    [Fact]
    public async Task Requests_per_minute_quota_breach_is_a_ThrottlingException()
    {
        await using var server = await SignedServer.StartAsync(s => s.Models[Haiku3].Quota.RequestsPerMinute = 1);

        var results = await server.JsSdk().RunAsync([Converse(), Converse()], Token);

        Assert.True(results[0].Ok, results[0].ToString());
        Assert.False(results[1].Ok);
        Assert.Equal("ThrottlingException", results[1].ErrorName);
        Assert.Equal("Too many requests, please wait before trying again.", (string?)results[1].Error["message"]);
        Assert.True((bool)results[1].Error["isThrottling"]!);
        Assert.Equal(429, results[1].HttpStatus);
        Assert.Equal(1, server.Stats().Models[Haiku3].ThrottledRequestsPerMinute);
    }

    [Fact]
    public async Task Bad_input_is_a_client_fault_ValidationException_naming_the_member()
    {
        await using var server = await SignedServer.StartAsync();

        var results = await server.JsSdk().RunAsync([Converse(maxTokens: 999_999), Converse(modelId: "acme.no-such-model-v1:0")], Token);

        Assert.All(results, r =>
        {
            Assert.False(r.Ok);
            Assert.Equal("ValidationException", r.ErrorName);
            Assert.Equal("client", (string?)r.Error["fault"]);
            Assert.Equal(400, r.HttpStatus);
            Assert.False((bool)r.Error["isThrottling"]! || (bool)r.Error["isTransient"]!);
        });
        Assert.Contains("maxTokens", (string?)results[0].Error["message"]);
        Assert.Equal("The provided model identifier is invalid.", (string?)results[1].Error["message"]);
    }

    [Fact]
    public async Task Service_unavailable_is_a_transient_server_fault()
    {
        await using var server = await SignedServer.StartAsync();
        server.Faults.Set(FaultInjector.AllOperations, new FaultSettings { ErrorRate = 1, ErrorKind = "ServiceUnavailableException" });

        var result = await server.JsSdk().RunAsync(Converse(), Token);

        Assert.False(result.Ok);
        Assert.Equal("ServiceUnavailableException", result.ErrorName);
        Assert.Equal("server", (string?)result.Error["fault"]);
        Assert.Equal(503, result.HttpStatus);
        Assert.True((bool)result.Error["isTransient"]!, result.ToString());
    }

    [Theory]
    [InlineData(Transport.H2c)]
    [InlineData(Transport.Http1)]
    public async Task Stream_cut_by_a_modelStreamErrorException_frame_throws_during_iteration(Transport transport)
    {
        await using var server = await SignedServer.StartAsync();
        var cut = new FaultSettings { StreamCutAfterEvents = 3, StreamCutKind = StreamCutKinds.ModelStreamError };
        server.Faults.Replace(new Dictionary<string, FaultSettings> { ["ConverseStream"] = cut, ["InvokeModelWithResponseStream"] = cut });

        var results = await server.JsSdk(transport).RunAsync(
        [
            JsSdkCall.Runtime("ConverseStream", Requests.JsConverse(Haiku3, Requests.Converse())),
            JsSdkCall.Runtime("InvokeModelWithResponseStream", Requests.JsInvoke(Haiku3, Requests.AnthropicInvoke())),
        ], Token);

        Assert.All(results, r =>
        {
            Assert.False(r.Ok);
            Assert.Equal("ModelStreamErrorException", r.ErrorName);
            Assert.Equal(500, (int?)r.Error["originalStatusCode"]);
            Assert.Equal(3, r.Events.Count);
        });
        Assert.NotNull(results[0].Events[0]!["messageStart"]);
        Assert.NotNull(results[0].Events[2]!["contentBlockDelta"]);
        Assert.Equal("message_start", (string?)results[1].Events[0]!["chunk"]!["type"]);
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_with_403_on_runtime_and_job_api()
    {
        await using var server = await SignedServer.StartAsync();
        var listJobs = JsSdkCall.Control("ListModelInvocationJobs", []);

        var wrongSecret = await server.JsSdk(secret: "not-the-secret").RunAsync([Converse(), listJobs], Token);
        var unknownKey = await new JsSdkDriver(server.BaseAddress) { AccessKeyId = "AKIDUNKNOWN", SecretAccessKey = SecretAccessKey }
            .RunAsync(Converse(), Token);

        Assert.All(wrongSecret, r =>
        {
            Assert.False(r.Ok);
            Assert.Equal("InvalidSignatureException", r.ErrorName);
            Assert.Equal(403, r.HttpStatus);
            Assert.Contains("signature we calculated does not match", (string?)r.Error["message"]);
        });
        Assert.Equal("UnrecognizedClientException", unknownKey.ErrorName);
        Assert.Equal(403, unknownKey.HttpStatus);
    }
}
