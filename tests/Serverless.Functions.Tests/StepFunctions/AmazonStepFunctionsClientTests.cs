using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Serverless.Bedrock;
using Serverless.Functions.StepFunctions;
using Serverless.Functions.Tests.Support;

namespace Serverless.Functions.Tests.StepFunctions;

/// <summary>
/// The Step Functions client against a loopback Step Functions that verifies SigV4 for service <c>states</c>
/// (<see cref="FakeStepFunctions"/>); DescribeExecution's answers, to the tick and with unmodelled members, are also read
/// directly.
/// </summary>
public sealed class AmazonStepFunctionsClientTests : IAsyncLifetime
{
    private FakeStepFunctions _server = null!;

    public async ValueTask InitializeAsync() => _server = await FakeStepFunctions.StartAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private AmazonStepFunctionsClient Client(int maxAttempts = 1, AWSCredentials? credentials = null) => new(new StepFunctionsClientOptions
    {
        Region = "us-east-1",
        ServiceUrl = _server.BaseAddress,
        Credentials = credentials ?? FakeStepFunctions.Credentials,
        // Zero backoff: a retry goes out at once.
        Retry = new RetryOptions { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero },
        Random = new Random(7),
    });

    private static StartExecutionRequest Start(string name = "b-1", string input = """{"batchId":"b-1"}""") => new()
    {
        StateMachineArn = FakeStepFunctions.StateMachineArn,
        Name = name,
        Input = input,
        TraceHeader = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1",
    };

    [Fact]
    public async Task StartExecutionIsSignedForStatesAndSpeaksAwsJson10()
    {
        using var client = Client();
        var started = await client.StartExecutionAsync(Start(), TestContext.Current.CancellationToken);

        Assert.Empty(_server.Refused);
        var (body, headers) = Assert.Single(_server.Requests);
        Assert.Equal(["stateMachineArn", "name", "input", "traceHeader"], body.Select(member => member.Key).ToArray());
        Assert.Equal("""{"batchId":"b-1"}""", (string)body["input"]!);
        Assert.Equal("AWSStepFunctions.StartExecution", headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.0", headers["Content-Type"]);
        Assert.Contains("/us-east-1/states/aws4_request", headers["Authorization"], StringComparison.Ordinal);
        Assert.Equal("arn:aws:states:us-east-1:123456789012:execution:bedrock-batch:b-1", started.ExecutionArn);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, 125, TimeSpan.Zero), started.StartDate);
    }

    [Fact]
    public async Task AWrongSecretIsRefusedByTheSignatureCheck()
    {
        using var client = Client(maxAttempts: 3, credentials: new BasicAWSCredentials(FakeStepFunctions.AccessKeyId, "not-the-secret"));
        var error = await Assert.ThrowsAsync<StepFunctionsException>(() => client.StartExecutionAsync(Start(), TestContext.Current.CancellationToken));

        Assert.Equal("InvalidSignatureException", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.False(error.IsRetryable);
        Assert.Single(_server.Refused);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task TheSameNameAndInputWhileRunningIsTheSameExecution()
    {
        using var client = Client();
        var first = await client.StartExecutionAsync(Start(), TestContext.Current.CancellationToken);
        var again = await client.StartExecutionAsync(Start(), TestContext.Current.CancellationToken);

        Assert.Equal(first.ExecutionArn, again.ExecutionArn);
        Assert.Single(_server.Executions);
        var conflict = await Assert.ThrowsAsync<ExecutionAlreadyExistsException>(
            () => client.StartExecutionAsync(Start(input: """{"batchId":"other"}"""), TestContext.Current.CancellationToken));
        Assert.Equal(StepFunctionsErrors.ExecutionAlreadyExists, conflict.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, conflict.StatusCode);
        Assert.NotNull(conflict.RequestId);

        _server.Close("b-1");
        await Assert.ThrowsAsync<ExecutionAlreadyExistsException>(() => client.StartExecutionAsync(Start(), TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(400, "ThrottlingException")]
    [InlineData(400, "KmsThrottlingException")]
    [InlineData(500, "InternalFailure")]
    public async Task ThrottlingAndServerFaultsAreRetried(int status, string type)
    {
        _server.Faults.Enqueue((status, type));
        _server.Faults.Enqueue((status, type));
        using var client = Client(maxAttempts: 3);

        var started = await client.StartExecutionAsync(Start(), TestContext.Current.CancellationToken);

        Assert.Equal(3, _server.Requests.Count);
        Assert.EndsWith(":b-1", started.ExecutionArn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThrottlingBeyondTheAttemptsSurfacesAsThrottling()
    {
        _server.Faults.Enqueue((400, "ThrottlingException"));
        _server.Faults.Enqueue((400, "ThrottlingException"));
        using var client = Client(maxAttempts: 2);

        var error = await Assert.ThrowsAsync<StepFunctionsException>(() => client.StartExecutionAsync(Start(), TestContext.Current.CancellationToken));

        Assert.True(error.IsThrottling);
        Assert.True(error.IsRetryable);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task AModelledErrorIsNotRetried()
    {
        _server.Faults.Enqueue((400, StepFunctionsErrors.StateMachineDoesNotExist));
        using var client = Client(maxAttempts: 3);

        var error = await Assert.ThrowsAsync<StepFunctionsException>(() => client.StartExecutionAsync(Start(), TestContext.Current.CancellationToken));

        Assert.Equal(StepFunctionsErrors.StateMachineDoesNotExist, error.ErrorCode);
        Assert.Equal("StateMachineDoesNotExist (injected)", error.Message);
        Assert.False(error.IsRetryable);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData(null, "b-1", "stateMachineArn")]
    [InlineData(FakeStepFunctions.StateMachineArn, "b:1", "name")]
    [InlineData(FakeStepFunctions.StateMachineArn, "b 1", "name")]
    [InlineData(FakeStepFunctions.StateMachineArn, "", "name")]
    public async Task AnInvalidRequestNamesTheMemberAndSendsNothing(string? arn, string name, string member)
    {
        using var client = Client();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.StartExecutionAsync(
            new StartExecutionRequest { StateMachineArn = arn, Name = name }, TestContext.Current.CancellationToken));

        Assert.StartsWith(member + ":", error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task InputAboveStepFunctionsPayloadLimitIsRefusedBeforeSending()
    {
        using var client = Client();
        var input = "\"" + new string('x', 262_144) + "\"";
        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.StartExecutionAsync(Start(input: input), TestContext.Current.CancellationToken));

        Assert.StartsWith("input:", error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    private const string ExecutionArn = "arn:aws:states:us-east-1:123456789012:execution:bedrock-batch:b-1";

    // A SUCCEEDED execution as DescribeExecution answers it, members the client does not model included.
    private const string Succeeded = """
        {"executionArn":"arn:aws:states:us-east-1:123456789012:execution:bedrock-batch:b-1",
         "stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:bedrock-batch",
         "name":"b-1","status":"SUCCEEDED","startDate":1767225600.123,"stopDate":1767225912.456,
         "input":"{\"batchId\":\"b-1\"}","inputDetails":{"included":true},
         "output":"{\"batchId\":\"b-1\",\"status\":\"Completed\"}","outputDetails":{"included":true},
         "traceHeader":"Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1",
         "redriveCount":0,"redriveStatus":"NOT_REDRIVABLE","redriveStatusReason":"Execution is SUCCEEDED and cannot be redriven"}
        """;

    [Fact]
    public async Task DescribeExecutionIsSignedForStatesAndSpeaksAwsJson10()
    {
        _server.Add("b-1", """{"batchId":"b-1"}""");
        using var client = Client();

        var execution = await client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = ExecutionArn }, TestContext.Current.CancellationToken);

        Assert.Empty(_server.Refused);
        var (body, headers) = Assert.Single(_server.Requests);
        Assert.Equal(["executionArn"], body.Select(member => member.Key).ToArray());
        Assert.Equal(ExecutionArn, (string)body["executionArn"]!);
        Assert.Equal("AWSStepFunctions.DescribeExecution", headers["X-Amz-Target"]);
        Assert.Equal(AmazonStepFunctionsClient.DescribeExecutionTarget, headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.0", headers["Content-Type"]);
        Assert.Contains("/us-east-1/states/aws4_request", headers["Authorization"], StringComparison.Ordinal);
        Assert.Equal(("RUNNING", """{"batchId":"b-1"}"""), (execution.Status, execution.Input));
    }

    [Fact]
    public void ASucceededExecutionIsReadWithItsDatesInputAndOutput()
    {
        var execution = Read(Succeeded);

        Assert.Equal(ExecutionArn, execution.ExecutionArn);
        Assert.Equal(FakeStepFunctions.StateMachineArn, execution.StateMachineArn);
        Assert.Equal("b-1", execution.Name);
        Assert.Equal("SUCCEEDED", execution.Status);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, 123, TimeSpan.Zero), execution.StartDate);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 5, 12, 456, TimeSpan.Zero), execution.StopDate);
        Assert.Equal("""{"batchId":"b-1"}""", execution.Input);
        Assert.Equal("""{"batchId":"b-1","status":"Completed"}""", execution.Output);
        Assert.Null(execution.Error);
        Assert.Null(execution.Cause);
    }

    [Fact]
    public void ARunningExecutionHasNoStopDateOrOutput()
    {
        // The start date to the tick: 1767225600.0001237 read through a double comes out one tick off.
        var execution = Read("""
            {"executionArn":"arn:aws:states:us-east-1:123456789012:execution:bedrock-batch:b-1",
             "stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:bedrock-batch",
             "name":"b-1","status":"RUNNING","startDate":1767225600.0001237,
             "input":"{\"batchId\":\"b-1\"}","inputDetails":{"included":true},"redriveCount":0}
            """);

        Assert.Equal("RUNNING", execution.Status);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(17_672_256_000_001_237), execution.StartDate);
        Assert.Null(execution.StopDate);
        Assert.Null(execution.Output);
        Assert.Null(execution.Error);
        Assert.Equal("""{"batchId":"b-1"}""", execution.Input);
    }

    [Fact]
    public void AFailedExecutionCarriesItsErrorAndCause()
    {
        var execution = Read("""
            {"executionArn":"arn:aws:states:us-east-1:123456789012:execution:bedrock-batch:b-1",
             "stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:bedrock-batch",
             "name":"b-1","status":"FAILED","startDate":1767225600.123,"stopDate":1767225601.5,
             "error":"States.TaskFailed","cause":"Bedrock answered ValidationException"}
            """);

        Assert.Equal("FAILED", execution.Status);
        Assert.Equal("States.TaskFailed", execution.Error);
        Assert.Equal("Bedrock answered ValidationException", execution.Cause);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 1, 500, TimeSpan.Zero), execution.StopDate);
    }

    [Fact]
    public async Task AnUnknownExecutionIsExecutionDoesNotExistAfterOneAttempt()
    {
        using var client = Client(maxAttempts: 3);

        var error = await Assert.ThrowsAsync<ExecutionDoesNotExistException>(() => client.DescribeExecutionAsync(
            new DescribeExecutionRequest { ExecutionArn = ExecutionArn }, TestContext.Current.CancellationToken));

        Assert.Equal(StepFunctionsErrors.ExecutionDoesNotExist, error.ErrorCode);
        Assert.Equal("ExecutionDoesNotExist", error.ErrorCode);
        Assert.Equal($"Execution Does Not Exist: '{ExecutionArn}'", error.Message);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.NotNull(error.RequestId);
        Assert.False(error.IsRetryable);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData(400, "ThrottlingException")]
    [InlineData(400, "KmsThrottlingException")]
    [InlineData(500, "InternalFailure")]
    public async Task DescribeExecutionRetriesThrottlingAndServerFaults(int status, string type)
    {
        _server.Add("b-1", "{}");
        _server.Faults.Enqueue((status, type));
        _server.Faults.Enqueue((status, type));
        using var client = Client(maxAttempts: 3);

        var execution = await client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = ExecutionArn }, TestContext.Current.CancellationToken);

        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal("RUNNING", execution.Status);
    }

    [Fact]
    public async Task DescribeExecutionThrottlingBeyondTheAttemptsSurfacesAsThrottling()
    {
        _server.Faults.Enqueue((400, "ThrottlingException"));
        _server.Faults.Enqueue((400, "ThrottlingException"));
        using var client = Client(maxAttempts: 2);

        var error = await Assert.ThrowsAsync<StepFunctionsException>(() => client.DescribeExecutionAsync(
            new DescribeExecutionRequest { ExecutionArn = ExecutionArn }, TestContext.Current.CancellationToken));

        Assert.IsNotType<ExecutionDoesNotExistException>(error);
        Assert.True(error.IsThrottling);
        Assert.Equal("ThrottlingException (injected)", error.Message);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Theory]
    [InlineData(null, "executionArn: is required")]
    [InlineData("", "executionArn: is required")]
    [InlineData(257, "executionArn: must have at most 256 characters (had 257)")]
    public async Task AnInvalidExecutionArnIsNamedAndNothingIsSent(object? arn, string message)
    {
        using var client = Client();
        var executionArn = arn is int length ? "arn:aws:states:us-east-1:123456789012:execution:bedrock-batch:".PadRight(length, 'x') : (string?)arn;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.DescribeExecutionAsync(
            new DescribeExecutionRequest { ExecutionArn = executionArn }, TestContext.Current.CancellationToken));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("request", error.ParamName);
        Assert.Empty(_server.Requests);
        Assert.Empty(_server.Refused);
    }

    [Fact]
    public async Task AnArnOfExactly256CharactersIsSent()
    {
        using var client = Client();

        // No execution has it: sent, and answered ExecutionDoesNotExist.
        await Assert.ThrowsAsync<ExecutionDoesNotExistException>(() => client.DescribeExecutionAsync(
            new DescribeExecutionRequest { ExecutionArn = ExecutionArn.PadRight(256, 'x') }, TestContext.Current.CancellationToken));

        Assert.Equal(256, ((string)Assert.Single(_server.Requests).Body["executionArn"]!).Length);
    }

    [Fact]
    public async Task ANullDescribeRequestIsRefused()
    {
        using var client = Client();
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.DescribeExecutionAsync(null!, TestContext.Current.CancellationToken));
    }

    private static DescribeExecutionResponse Read(string json)
        => JsonSerializer.Deserialize(json, StepFunctionsJsonContext.Default.DescribeExecutionResponse)!;

    [Theory]
    [InlineData("arn:aws:states:us-east-1:123456789012:stateMachine:batch", "arn:aws:states:us-east-1:123456789012:execution:batch:b-1")]
    [InlineData("arn:aws:states:us-east-1:123456789012:stateMachine:batch:PROD", "arn:aws:states:us-east-1:123456789012:execution:batch:b-1")]
    public void ExecutionArnsFollowFromTheStateMachine(string stateMachineArn, string expected)
        => Assert.Equal(expected, ExecutionArns.For(stateMachineArn, "b-1"));
}
