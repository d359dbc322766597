using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Serverless.Batch.Storage;
using Serverless.Bedrock;
using Serverless.Functions.Configuration;
using Serverless.Functions.Handlers.Batches;
using Serverless.Functions.Tests.Support;
using Serverless.LocalHost;

namespace Serverless.Functions.Tests.Functions;

/// <summary>POST /v1/batch and GET /v1/batch/{batchId} through the local host, with a loopback Step Functions that checks signatures.</summary>
public sealed class BatchTests : IAsyncLifetime
{
    private const string Claude = TestEnvironment.Claude;
    private const string TwoRecords = """{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","records":[{"recordId":"r1","modelInput":{"max_tokens":10,"messages":[{"role":"user","content":"Hi"}]}},{"modelInput":{"max_tokens":10,"messages":[{"role":"user","content":"Hello"}]}}],"timeoutHours":48}""";

    private FakeStepFunctions _stepFunctions = null!;
    private TestEnvironment _env = null!;

    public async ValueTask InitializeAsync()
    {
        _stepFunctions = await FakeStepFunctions.StartAsync();
        _env = await StartAsync(_stepFunctions);
    }

    public async ValueTask DisposeAsync()
    {
        await _env.DisposeAsync();
        await _stepFunctions.DisposeAsync();
    }

    private static Task<TestEnvironment> StartAsync(FakeStepFunctions stepFunctions, Action<FunctionsConfiguration>? configure = null, Action<FunctionDependencies>? depend = null)
        => TestEnvironment.StartAsync(
            configure: configuration =>
            {
                configuration.BatchStateMachineArn = FakeStepFunctions.StateMachineArn;
                configuration.StepFunctionsEndpoint = stepFunctions.BaseAddress;
                configuration.StepFunctionsRegion = "us-east-1";
                configure?.Invoke(configuration);
            },
            dependencies: dependencies =>
            {
                dependencies.StepFunctionsCredentials = FakeStepFunctions.Credentials;
                dependencies.StepFunctionsRetry = new RetryOptions { MaxAttempts = 1 };
                depend?.Invoke(dependencies);
            });

    private IBatchObjectStore Objects => _env.Local.Dependencies.BatchObjectStore!;

    private async Task<string?> ReadObjectAsync(string uri)
    {
        await using var stream = await Objects.OpenReadAsync(S3Location.Parse(uri, "uri"), TestContext.Current.CancellationToken);
        return stream is null ? null : await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync(TestContext.Current.CancellationToken);
    }

    private async Task<List<S3Location>> AllObjectsAsync()
    {
        var all = new List<S3Location>();
        await foreach (var location in Objects.ListAsync(S3Location.Parse(LocalEnvironment.LocalInputPrefix, "prefix"), TestContext.Current.CancellationToken))
        {
            all.Add(location);
        }

        return all;
    }

    [Fact]
    public async Task InlineRecordsGoToS3AndTheExecutionInputPointsAtThem()
    {
        using var response = await _env.PostAsync("/v1/batch", TwoRecords, caller: "alice");
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(HttpStatusCode.Accepted == response.StatusCode, text);
        var accepted = JsonNode.Parse(text)!.AsObject();
        var batchId = (string)accepted["batchId"]!;

        var (request, _) = Assert.Single(_stepFunctions.Requests);
        Assert.Empty(_stepFunctions.Refused);
        Assert.Equal(FakeStepFunctions.StateMachineArn, (string)request["stateMachineArn"]!);
        Assert.Equal(batchId, (string)request["name"]!);
        var input = JsonNode.Parse((string)request["input"]!)!.AsObject();
        var inputUri = $"{LocalEnvironment.LocalInputPrefix}{batchId}/records.jsonl";
        Assert.Equal(batchId, (string)input["batchId"]!);
        Assert.Equal(Claude, (string)input["modelId"]!);
        Assert.Equal(inputUri, (string)input["inputUri"]!);
        Assert.Equal(48, (int)input["timeoutHours"]!);
        Assert.Equal("alice", (string)input["callerId"]!);
        Assert.False(input.ContainsKey("records"));
        Assert.Equal(_stepFunctions.Executions[batchId].Arn, (string)accepted["executionArn"]!);
        Assert.Equal(["batchId", "executionArn"], accepted.Select(m => m.Key).ToArray());

        var jsonl = await ReadObjectAsync(inputUri);
        Assert.Equal(
            """
            {"recordId":"r1","modelInput":{"max_tokens":10,"messages":[{"role":"user","content":"Hi"}]}}
            {"modelInput":{"max_tokens":10,"messages":[{"role":"user","content":"Hello"}]}}

            """.ReplaceLineEndings("\n"), jsonl);
    }

    [Fact]
    public async Task AnS3InputIsPassedAsItIsAndNothingIsWritten()
    {
        var accepted = await _env.PostJsonAsync("/v1/batch", $$"""{"modelId":"{{Claude}}","inputS3Uri":"s3://their-bucket/in/batch.jsonl","modelInvocationType":"Converse","maxOnDemandAttempts":0}""");

        var input = JsonNode.Parse((string)Assert.Single(_stepFunctions.Requests).Body["input"]!)!;
        Assert.Equal("s3://their-bucket/in/batch.jsonl", (string)input["inputUri"]!);
        Assert.Equal("Converse", (string)input["modelInvocationType"]!);
        Assert.Equal(0, (int)input["maxOnDemandAttempts"]!);
        Assert.Equal((string)accepted["batchId"]!, (string)input["batchId"]!);
        Assert.Empty(await AllObjectsAsync());
        // Not even the caller's own file: writing "the inline records" there would replace it with nothing.
        Assert.Null(await ReadObjectAsync("s3://their-bucket/in/batch.jsonl"));
    }

    [Fact]
    public async Task TheTraceHeaderTravelsWithTheStart()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/batch") { Content = new StringContent(TwoRecords, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-amzn-trace-id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
        using var response = await _env.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", (string)Assert.Single(_stepFunctions.Requests).Body["traceHeader"]!);
    }

    [Fact]
    public async Task ARetriedRequestIsTheSameBatchAndExecutionEvenAfterItClosed()
    {
        var body = TwoRecords.Replace("\"timeoutHours\":48", "\"timeoutHours\":48,\"clientToken\":\"order-17\"", StringComparison.Ordinal);
        var first = await _env.PostJsonAsync("/v1/batch", body, caller: "alice");
        var running = await _env.PostJsonAsync("/v1/batch", body, caller: "alice");
        var batchId = (string)first["batchId"]!;
        _stepFunctions.Close(batchId);
        var closed = await _env.PostJsonAsync("/v1/batch", body, caller: "alice");

        Assert.Equal(3, _stepFunctions.Requests.Count);
        Assert.Single(_stepFunctions.Executions);
        foreach (var again in new[] { running, closed })
        {
            Assert.Equal(batchId, (string)again["batchId"]!);
            Assert.Equal((string)first["executionArn"]!, (string)again["executionArn"]!);
        }

        // Another client token, or another caller, is another batch.
        var otherToken = await _env.PostJsonAsync("/v1/batch", body.Replace("order-17", "order-18", StringComparison.Ordinal), caller: "alice");
        var otherCaller = await _env.PostJsonAsync("/v1/batch", body, caller: "bob");
        Assert.Equal(3, new[] { batchId, (string)otherToken["batchId"]!, (string)otherCaller["batchId"]! }.Distinct().Count());
        Assert.Equal(3, _stepFunctions.Executions.Count);
    }

    [Theory]
    [InlineData(400, "ThrottlingException", HttpStatusCode.TooManyRequests, true)]
    [InlineData(400, "KmsThrottlingException", HttpStatusCode.TooManyRequests, true)]
    [InlineData(400, "ExecutionLimitExceeded", HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(500, "InternalFailure", HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(400, "StateMachineDoesNotExist", HttpStatusCode.BadGateway, false)]
    public async Task StepFunctionsErrorsAreMapped(int status, string type, HttpStatusCode expected, bool retryable)
    {
        _stepFunctions.Faults.Enqueue((status, type));
        using var response = await _env.PostAsync("/v1/batch", TwoRecords);
        var error = await ErrorResponse.ReadAsync(response);

        Assert.Equal(expected, error.Status);
        Assert.Equal(type, error.Code);
        Assert.Equal(retryable, error.Retryable);
        Assert.Equal(retryable ? "1" : null, response.Headers.RetryAfter?.ToString());

        // The same request once Step Functions recovers starts the batch.
        var accepted = await _env.PostJsonAsync("/v1/batch", TwoRecords);
        Assert.NotNull(accepted["executionArn"]);
    }

    [Fact]
    public async Task ADeferredBatchIsQueuedOnceAndNotStarted()
    {
        var body = $$$"""{"modelId":"{{{Claude}}}","deferred":true,"records":[{"recordId":"a","modelInput":{"max_tokens":5,"messages":[{"role":"user","content":"Hi"}]}}]}""";
        var accepted = await _env.PostJsonAsync("/v1/batch", body);
        var batchId = (string)accepted["batchId"]!;
        Assert.Equal(["batchId", "deferred"], accepted.AsObject().Select(m => m.Key).ToArray());
        Assert.True((bool)accepted["deferred"]!);

        var pending = _env.Local.Dependencies.PendingBatchStore!;
        var claimed = Assert.Single(await pending.ClaimAllAsync(TestContext.Current.CancellationToken));
        Assert.Equal(batchId, claimed.BatchId);
        Assert.Equal(Claude, claimed.ModelId);
        Assert.Equal($"{LocalEnvironment.LocalInputPrefix}{batchId}/records.jsonl", claimed.InputUri);
        Assert.StartsWith("{\"recordId\":\"a\"", await ReadObjectAsync(claimed.InputUri), StringComparison.Ordinal);
        Assert.Empty(_stepFunctions.Requests);

        // Resent after the scheduled run took it: the same batch, not queued a second time.
        var again = await _env.PostJsonAsync("/v1/batch", body);
        Assert.Equal(batchId, (string)again["batchId"]!);
        Assert.Empty(await pending.ClaimAllAsync(TestContext.Current.CancellationToken));
        Assert.Empty(_stepFunctions.Requests);
    }

    [Theory]
    [InlineData("""{}""", HttpStatusCode.BadRequest, "modelId")]
    [InlineData("""{"modelId":42,"records":[{"modelInput":{}}]}""", HttpStatusCode.BadRequest, "modelId")]
    [InlineData("""{"modelId":"acme.unknown-v1:0","records":[{"modelInput":{}}]}""", HttpStatusCode.NotFound, "modelId")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0"}""", HttpStatusCode.BadRequest, "records")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","records":[]}""", HttpStatusCode.BadRequest, "records")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","records":{}}""", HttpStatusCode.BadRequest, "records")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","records":[{"modelInput":{}}],"inputS3Uri":"s3://b/k.jsonl"}""", HttpStatusCode.BadRequest, "inputS3Uri")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","inputS3Uri":"https://b.s3.amazonaws.com/k.jsonl"}""", HttpStatusCode.BadRequest, "inputS3Uri")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","inputS3Uri":"s3://bucket/folder/"}""", HttpStatusCode.BadRequest, "inputS3Uri")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","records":[{"modelInput":"Hi"}]}""", HttpStatusCode.BadRequest, "records[0]")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","records":[{"modelInput":{}},{"prompt":"Hi"}]}""", HttpStatusCode.BadRequest, "records[1]")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","records":[{"recordId":"a#b","modelInput":{}}]}""", HttpStatusCode.BadRequest, "records[0]")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","records":[{"recordId":"a","modelInput":{}},{"recordId":"a","modelInput":{}}]}""", HttpStatusCode.BadRequest, "records[1].recordId")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","records":[{"modelInput":{}}],"timeoutHours":12}""", HttpStatusCode.BadRequest, "timeoutHours")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","records":[{"modelInput":{}}],"maxOnDemandAttempts":1.5}""", HttpStatusCode.BadRequest, "maxOnDemandAttempts")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","records":[{"modelInput":{}}],"modelInvocationType":"Chat"}""", HttpStatusCode.BadRequest, "modelInvocationType")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","records":[{"modelInput":{}}],"deadline":"2001-01-01T00:00:00Z"}""", HttpStatusCode.BadRequest, "deadline")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","records":[{"modelInput":{}}],"deadline":"tomorrow"}""", HttpStatusCode.BadRequest, "deadline")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","records":[{"modelInput":{}}],"deferred":"yes"}""", HttpStatusCode.BadRequest, "deferred")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","records":[{"modelInput":{}}],"deferred":true,"timeoutHours":48}""", HttpStatusCode.BadRequest, "timeoutHours")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","records":[{"modelInput":{}}],"clientToken":7}""", HttpStatusCode.BadRequest, "clientToken")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","records":[{"modelInput":{}}],"prompt":"Hi"}""", HttpStatusCode.BadRequest, "prompt")]
    [InlineData("""{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","records":[{"modelInput":{}}""", HttpStatusCode.BadRequest, "body")]
    public async Task BadRequestsNameTheFieldAndStartNothing(string body, HttpStatusCode status, string field)
    {
        using var response = await _env.PostAsync("/v1/batch", body);
        await ErrorResponse.ExpectAsync(response, status, field);

        Assert.Empty(_stepFunctions.Requests);
        Assert.Empty(await AllObjectsAsync());
        Assert.Empty(await _env.Local.Dependencies.PendingBatchStore!.ClaimAllAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task MoreInlineRecordsThanOneJobFileHoldsAreRefused()
    {
        var records = string.Join(',', Enumerable.Repeat("""{"modelInput":{}}""", 50_001));
        using var response = await _env.PostAsync("/v1/batch", $$"""{"modelId":"{{Claude}}","records":[{{records}}]}""");

        var error = await ErrorResponse.ExpectAsync(response, HttpStatusCode.BadRequest, "records");
        Assert.Contains("inputS3Uri", error.Message, StringComparison.Ordinal);
        Assert.Empty(_stepFunctions.Requests);
    }

    [Fact]
    public async Task InlineRecordsBeyondTheBodyLimitAre413()
    {
        await using var env = await StartAsync(_stepFunctions, configuration => configuration.MaxRequestBodyBytes = 1_000);
        var records = string.Join(',', Enumerable.Repeat("""{"modelInput":{"prompt":"Hi"}}""", 100));
        using var response = await env.PostAsync("/v1/batch", $$"""{"modelId":"{{Claude}}","records":[{{records}}]}""");

        await ErrorResponse.ExpectAsync(response, HttpStatusCode.RequestEntityTooLarge, "body");
        Assert.Empty(_stepFunctions.Requests);
    }

    [Fact]
    public async Task WithoutAStateMachineTheLocalHostRecordsTheExecution()
    {
        await using var env = await TestEnvironment.StartAsync();
        var accepted = await env.PostJsonAsync("/v1/batch", TwoRecords, caller: "carol");

        var starter = Assert.IsType<RecordingExecutionStarter>(env.Local.Dependencies.BatchExecutionStarter);
        var execution = Assert.Single(starter.Executions);
        Assert.Equal((string)accepted["executionArn"]!, execution.ExecutionArn);
        Assert.StartsWith(RecordingExecutionStarter.StateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal), execution.ExecutionArn, StringComparison.Ordinal);
        Assert.Equal("carol", (string)JsonNode.Parse(execution.Input)!["callerId"]!);
        Assert.Empty(_stepFunctions.Requests);
    }

    private async Task<JsonObject> BatchStatusAsync(string batchId, string caller)
    {
        using var response = await _env.GetAsync("/v1/batch/" + batchId, caller);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(HttpStatusCode.OK == response.StatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    [Fact]
    public async Task TheCallerFollowsItsBatchFromRunningToItsSummary()
    {
        var accepted = await _env.PostJsonAsync("/v1/batch", TwoRecords, caller: "alice");
        var batchId = (string)accepted["batchId"]!;

        var running = await BatchStatusAsync(batchId, "alice");
        const string Summary = """{"runId":"b-x","submitted":2,"succeeded":2,"failed":0,"unaccounted":0,"batches":[{"batchId":"b-x","resultsUri":"s3://batch-bucket/batch/runs/b-x/results/b-x.jsonl"}]}""";
        _stepFunctions.Finish(batchId, "SUCCEEDED", output: Summary);
        var succeeded = await BatchStatusAsync(batchId, "alice");

        Assert.Equal(["batchId", "status", "executionArn", "startedAt"], running.Select(m => m.Key).ToArray());
        Assert.Equal("RUNNING", (string)running["status"]!);
        Assert.Equal((string)accepted["executionArn"]!, (string)running["executionArn"]!);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_125), (DateTimeOffset)running["startedAt"]!);
        Assert.Equal("SUCCEEDED", (string)succeeded["status"]!);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_767_229_200_625), (DateTimeOffset)succeeded["stoppedAt"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Summary), succeeded["summary"]));
        Assert.All(_stepFunctions.Requests.Skip(1), r => Assert.Equal("AWSStepFunctions.DescribeExecution", r.Headers["X-Amz-Target"]));
        Assert.Empty(_stepFunctions.Refused);
    }

    [Fact]
    public async Task ASucceededBatchLinksItsOwnResultsFileForAnHour()
    {
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("AKIDRESULTS", "results-secret"), new AmazonS3Config { RegionEndpoint = RegionEndpoint.USEast1 });
        await using var env = await StartAsync(_stepFunctions, configuration => configuration.BatchResultsPrefix = "s3://batch-bucket/batch/runs/",
            dependencies => dependencies.BatchResultsLinks = new S3BatchResultsLinks(s3));
        var batchId = (string)(await env.PostJsonAsync("/v1/batch", TwoRecords, caller: "alice"))["batchId"]!;
        // A scheduled-style summary of two batches, and one whose file lies outside the results prefix.
        _stepFunctions.Finish(batchId, "SUCCEEDED", output: $$"""{"batches":[{"batchId":"b-other","resultsUri":"s3://batch-bucket/batch/runs/r/results/b-other.jsonl"},{"batchId":"{{batchId}}","resultsUri":"s3://batch-bucket/batch/runs/{{batchId}}/results/{{batchId}}.jsonl"}]}""");

        using var response = await env.GetAsync("/v1/batch/" + batchId, "alice");
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var url = new Uri((string)status["resultsUrl"]!);
        Assert.Equal("https", url.Scheme);
        Assert.Contains("batch-bucket", url.Host + url.AbsolutePath, StringComparison.Ordinal);
        Assert.EndsWith($"/batch/runs/{batchId}/results/{batchId}.jsonl", url.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Signature=", url.Query, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Credential=AKIDRESULTS", url.Query, StringComparison.Ordinal);
        var expires = int.Parse(System.Web.HttpUtility.ParseQueryString(url.Query)["X-Amz-Expires"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires, 3_500, 3_600);
        var expiresAt = (DateTimeOffset)status["resultsUrlExpiresAt"]!;
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(58), TimeSpan.FromMinutes(61));

        // Outside the prefix, or without a prefix configured: no link.
        _stepFunctions.Add("b-0123456789abcdef0123456789abcdef", _stepFunctions.Executions[batchId].Input);
        _stepFunctions.Finish("b-0123456789abcdef0123456789abcdef", "SUCCEEDED", output: """{"batches":[{"batchId":"b-0123456789abcdef0123456789abcdef","resultsUri":"s3://elsewhere/x.jsonl"}]}""");
        using var outside = await env.GetAsync("/v1/batch/b-0123456789abcdef0123456789abcdef", "alice");
        Assert.DoesNotContain("resultsUrl", await outside.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.False((await BatchStatusAsync(batchId, "alice")).ContainsKey("resultsUrl"));
    }

    [Fact]
    public async Task AFailedBatchSaysWhy()
    {
        var batchId = (string)(await _env.PostJsonAsync("/v1/batch", TwoRecords, caller: "alice"))["batchId"]!;
        _stepFunctions.Finish(batchId, "FAILED", error: "BatchInputException", cause: "s3://in/x.jsonl line 7: modelInput: must be a JSON object (was a string).");

        var failed = await BatchStatusAsync(batchId, "alice");

        Assert.Equal("FAILED", (string)failed["status"]!);
        Assert.Equal("BatchInputException", (string)failed["error"]!);
        Assert.StartsWith("s3://in/x.jsonl line 7", (string)failed["cause"]!, StringComparison.Ordinal);
        Assert.False(failed.ContainsKey("summary"));
    }

    [Fact]
    public async Task AnotherCallersOrAnUnknownBatchDoesNotExist()
    {
        var batchId = (string)(await _env.PostJsonAsync("/v1/batch", TwoRecords, caller: "alice"))["batchId"]!;
        // An execution of the state machine not started through this API (no caller in its input).
        _stepFunctions.Add("b-0123456789abcdef0123456789abcdef", """{"mode":"scheduled"}""");

        foreach (var (id, caller) in new[] { (batchId, "bob"), ("b-0123456789abcdef0123456789abcdef", "alice"), ("b-ffffffffffffffffffffffffffffffff", "alice") })
        {
            using var response = await _env.GetAsync("/v1/batch/" + id, caller);
            var error = await ErrorResponse.ExpectAsync(response, HttpStatusCode.NotFound, "batchId");
            Assert.Equal("BatchNotFound", error.Code);
        }
    }

    [Theory]
    [InlineData("b-123")]
    [InlineData("b-0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("arn:aws:states:us-east-1:123456789012:execution:x:y")]
    public async Task AMalformedBatchIdIs400AndAsksStepFunctionsNothing(string batchId)
    {
        using var response = await _env.GetAsync("/v1/batch/" + Uri.EscapeDataString(batchId), "alice");

        await ErrorResponse.ExpectAsync(response, HttpStatusCode.BadRequest, "batchId");
        Assert.Empty(_stepFunctions.Requests);
    }

    [Fact]
    public async Task ADeferredBatchIsDeferredToItsCallerOnly()
    {
        var body = $$$"""{"modelId":"{{{Claude}}}","deferred":true,"records":[{"recordId":"a","modelInput":{"max_tokens":5,"messages":[{"role":"user","content":"Hi"}]}}]}""";
        var batchId = (string)(await _env.PostJsonAsync("/v1/batch", body, caller: "alice"))["batchId"]!;

        var deferred = await BatchStatusAsync(batchId, "alice");
        using var other = await _env.GetAsync("/v1/batch/" + batchId, "bob");

        Assert.Equal(["batchId", "status"], deferred.Select(m => m.Key).ToArray());
        Assert.Equal("DEFERRED", (string)deferred["status"]!);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Theory]
    [InlineData(400, "ThrottlingException", HttpStatusCode.TooManyRequests)]
    [InlineData(500, "InternalFailure", HttpStatusCode.ServiceUnavailable)]
    [InlineData(400, "AccessDeniedException", HttpStatusCode.BadGateway)]
    public async Task StepFunctionsErrorsOnALookupAreMapped(int status, string type, HttpStatusCode expected)
    {
        var batchId = (string)(await _env.PostJsonAsync("/v1/batch", TwoRecords, caller: "alice"))["batchId"]!;
        _stepFunctions.Faults.Enqueue((status, type));

        using var response = await _env.GetAsync("/v1/batch/" + batchId, "alice");
        var error = await ErrorResponse.ReadAsync(response);

        Assert.Equal(expected, error.Status);
        Assert.Equal(type, error.Code);
        Assert.Contains("lookup", error.Message, StringComparison.Ordinal);
        Assert.Equal("RUNNING", (string)(await BatchStatusAsync(batchId, "alice"))["status"]!);
    }

    [Fact]
    public async Task TheLocalHostReportsARecordedExecutionAsRunning()
    {
        await using var env = await TestEnvironment.StartAsync();
        var batchId = (string)(await env.PostJsonAsync("/v1/batch", TwoRecords, caller: "carol"))["batchId"]!;

        using var response = await env.GetAsync("/v1/batch/" + batchId, "carol");
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("RUNNING", (string)status["status"]!);
    }
}
