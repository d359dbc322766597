using System.Net;
using System.Text.Json.Nodes;
using Serverless.Functions.Tests.Support;
using Serverless.Quota;
using static Serverless.Functions.Tests.Support.TestEnvironment;

namespace Serverless.Functions.Tests.Functions;

/// <summary>POST /v1/async, GET /v1/async/{invocationArn}, POST /v1/tokens.</summary>
public class AsyncAndTokensTests
{
    private const string StartBody = """{"modelId":"amazon.nova-lite-v1:0","modelInput":{"messages":[{"role":"user","content":[{"text":"Later, please."}]}]},"outputDataConfig":{"s3OutputDataConfig":{"s3Uri":"s3://results/async/"}}}""";

    [Fact]
    public async Task AnAsyncInvocationStartsAndItsStatusAndResultLocationCanBeRead()
    {
        await using var env = await StartAsync();
        using var started = await env.PostAsync("/v1/async", StartBody);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var body = JsonNode.Parse(await started.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        var arn = (string)body["invocationArn"]!;
        Assert.StartsWith("arn:aws:bedrock:", arn);
        Assert.Equal("/v1/async/" + Uri.EscapeDataString(arn), started.Headers.Location!.OriginalString);

        await env.Bedrock.Jobs.WaitForAsyncInvokeStatusAsync(arn, "Completed", TestContext.Current.CancellationToken);
        using var status = await env.GetAsync(started.Headers.Location.OriginalString);
        var description = JsonNode.Parse(await status.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(arn, (string)description["invocationArn"]!);
        Assert.Equal("Completed", (string)description["status"]!);
        Assert.StartsWith("s3://results/async/", (string)description["outputDataConfig"]!["s3OutputDataConfig"]!["s3Uri"]!);

        // Admitted as one request without tokens, and settled.
        var quota = await env.StatusAsync(Nova);
        Assert.Equal(1, quota.Scopes.Single(s => s.Kind == QuotaLimitKind.RequestsPerMinute).Used);
        Assert.Equal(0, quota.Scopes.Single(s => s.Kind == QuotaLimitKind.TokensPerMinute).Used);
    }

    [Fact]
    public async Task ResendingTheSameStartGivesTheSameInvocation()
    {
        await using var env = await StartAsync();
        var first = await env.PostJsonAsync("/v1/async", StartBody);
        var again = await env.PostJsonAsync("/v1/async", StartBody);
        Assert.Equal((string)first["invocationArn"]!, (string)again["invocationArn"]!);
        Assert.Equal((string)first["clientRequestToken"]!, (string)again["clientRequestToken"]!);

        var otherCaller = await env.PostJsonAsync("/v1/async", StartBody, caller: "someone-else");
        Assert.NotEqual((string)first["invocationArn"]!, (string)otherCaller["invocationArn"]!);

        var ownToken = await env.PostJsonAsync("/v1/async", StartBody.Replace("{\"modelId\"", "{\"clientRequestToken\":\"mine-1\",\"modelId\"", StringComparison.Ordinal));
        Assert.Equal("mine-1", (string)ownToken["clientRequestToken"]!);
    }

    [Fact]
    public async Task AnotherCallersInvocationIsNotFoundAndTheOwnerSeesItsOwnToken()
    {
        await using var env = await StartAsync();
        using var started = await env.PostAsync("/v1/async", StartBody.Replace("{\"modelId\"", "{\"clientRequestToken\":\"report-7\",\"modelId\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var location = started.Headers.Location!.OriginalString;

        // Another caller cannot read it: 404, the same answer as for an invocation that does not exist.
        using var foreign = await env.GetAsync(location, caller: "someone-else");
        var error = await ErrorResponse.ExpectAsync(foreign, HttpStatusCode.NotFound, "invocationArn");
        Assert.Equal("AsyncInvocationNotFound", error.Code);

        // The owner reads it, with the token it chose (the caller binding added for Bedrock is not shown).
        using var own = await env.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var description = JsonNode.Parse(await own.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("report-7", (string)description["clientRequestToken"]!);
    }

    [Fact]
    public async Task TheSameTokenFromTwoCallersStartsTwoInvocations()
    {
        // Bedrock's idempotency is per account: without a caller binding the second caller would get the first one's
        // invocation (and could then read it).
        await using var env = await StartAsync();
        var body = StartBody.Replace("{\"modelId\"", "{\"clientRequestToken\":\"shared-1\",\"modelId\"", StringComparison.Ordinal);
        var first = await env.PostJsonAsync("/v1/async", body);
        var second = await env.PostJsonAsync("/v1/async", body, caller: "someone-else");
        Assert.NotEqual((string)first["invocationArn"]!, (string)second["invocationArn"]!);
        Assert.Equal("shared-1", (string)second["clientRequestToken"]!);
    }

    [Fact]
    public async Task AnInvocationStartedOutsideTheApiIsNotFound()
    {
        await using var env = await StartAsync();
        var direct = await env.Local.Catalog.Bedrock.StartAsyncInvokeAsync(
            new Serverless.Bedrock.Model.StartAsyncInvokeRequest
            {
                ModelId = Nova,
                ClientRequestToken = "direct-1",
                ModelInput = System.Text.Json.JsonDocument.Parse("""{"messages":[{"role":"user","content":[{"text":"Hi"}]}]}""").RootElement.Clone(),
                OutputDataConfig = new Serverless.Bedrock.Model.AsyncInvokeOutputDataConfig { S3OutputDataConfig = new() { S3Uri = "s3://results/async/" } },
            },
            TestContext.Current.CancellationToken);
        using var response = await env.GetAsync("/v1/async/" + Uri.EscapeDataString(direct.InvocationArn));
        await ErrorResponse.ExpectAsync(response, HttpStatusCode.NotFound, "invocationArn");
    }

    [Fact]
    public async Task AnOwnTokenLongerThanTheApiKeepsRoomForIsRefused()
    {
        await using var env = await StartAsync();
        var body = StartBody.Replace("{\"modelId\"", "{\"clientRequestToken\":\"" + new string('t', 240) + "\",\"modelId\"", StringComparison.Ordinal);
        using var response = await env.PostAsync("/v1/async", body);
        var error = await ErrorResponse.ExpectAsync(response, HttpStatusCode.BadRequest, "clientRequestToken");
        Assert.Contains("239", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"modelInput":{},"outputDataConfig":{"s3OutputDataConfig":{"s3Uri":"s3://b/k"}}}""", HttpStatusCode.BadRequest, "modelId")]
    [InlineData("""{"modelId":"amazon.nova-lite-v1:0","outputDataConfig":{"s3OutputDataConfig":{"s3Uri":"s3://b/k"}}}""", HttpStatusCode.BadRequest, "modelInput")]
    [InlineData("""{"modelId":"amazon.nova-lite-v1:0","modelInput":{},"outputDataConfig":{"s3OutputDataConfig":{"s3Uri":"http://not-s3"}}}""", HttpStatusCode.BadRequest, "outputDataConfig.s3OutputDataConfig.s3Uri")]
    [InlineData("""{"modelId":"amazon.nova-lite-v1:0","modelInput":{},"outputDataConfig":"s3://b"}""", HttpStatusCode.BadRequest, "outputDataConfig")]
    [InlineData("""{"modelId":"acme.none-v1:0","modelInput":{},"outputDataConfig":{"s3OutputDataConfig":{"s3Uri":"s3://b/k"}}}""", HttpStatusCode.NotFound, "modelId")]
    public async Task BadStartsNameTheField(string body, HttpStatusCode status, string field)
    {
        await using var env = await StartAsync();
        using var response = await env.PostAsync("/v1/async", body);
        await ErrorResponse.ExpectAsync(response, status, field);
    }

    [Fact]
    public async Task AnUnknownInvocationIsAnErrorFromBedrock()
    {
        await using var env = await StartAsync();
        using var response = await env.GetAsync("/v1/async/" + Uri.EscapeDataString("arn:aws:bedrock:us-east-1:123456789012:async-invoke/abcdefghijkl"));
        var error = await ErrorResponse.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("ValidationException", error.Code);

        using var malformed = await env.GetAsync("/v1/async/not-an-arn");
        await ErrorResponse.ExpectAsync(malformed, HttpStatusCode.BadRequest, "invocationArn");
    }

    [Fact]
    public async Task TokensAreCountedForConverseAndNativeInputsWithoutSpendingQuota()
    {
        await using var env = await StartAsync();
        var converse = await env.PostJsonAsync("/v1/tokens", """{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","input":{"converse":{"messages":[{"role":"user","content":[{"text":"How many tokens is this?"}]}]}}}""");
        var answered = await env.PostJsonAsync("/v1/converse", ConverseBody(Claude, "How many tokens is this?", 20));
        Assert.Equal((int)answered["usage"]!["inputTokens"]!, (int)converse["inputTokens"]!);

        const string native = """{"anthropic_version":"bedrock-2023-05-31","max_tokens":10,"messages":[{"role":"user","content":"Count me"}]}""";
        var asObject = await env.PostJsonAsync("/v1/tokens", "{\"modelId\":\"" + Claude + "\",\"input\":{\"invokeModel\":{\"body\":" + native + "}}}");
        var asBase64 = await env.PostJsonAsync("/v1/tokens", "{\"modelId\":\"" + Claude + "\",\"input\":{\"invokeModel\":{\"body\":\"" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(native)) + "\"}}}");
        Assert.Equal((int)asObject["inputTokens"]!, (int)asBase64["inputTokens"]!);
        Assert.True((int)asObject["inputTokens"]! > 0);

        // Only the converse call reserved.
        Assert.Equal(1, (await env.StatusAsync(Claude)).Scopes.Single(s => s.Kind == QuotaLimitKind.RequestsPerMinute).Used);
    }

    [Theory]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0"}""", HttpStatusCode.BadRequest, "input")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","input":{}}""", HttpStatusCode.BadRequest, "input")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","input":{"converse":{"messages":"x"}}}""", HttpStatusCode.BadRequest, "input.converse.messages")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","input":{"invokeModel":{"body":42}}}""", HttpStatusCode.BadRequest, "input.invokeModel.body")]
    [InlineData("""{"input":{"converse":{"messages":[]}}}""", HttpStatusCode.BadRequest, "modelId")]
    [InlineData("""{"modelId":"acme.none-v1:0","input":{"converse":{"messages":[]}}}""", HttpStatusCode.NotFound, "modelId")]
    public async Task BadTokenCountsNameTheField(string body, HttpStatusCode status, string field)
    {
        await using var env = await StartAsync();
        using var response = await env.PostAsync("/v1/tokens", body);
        await ErrorResponse.ExpectAsync(response, status, field);
    }
}
