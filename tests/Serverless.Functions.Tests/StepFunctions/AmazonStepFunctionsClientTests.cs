using System.Net;
using Amazon.Runtime;
using Serverless.Bedrock;
using Serverless.Functions.StepFunctions;
using Serverless.Functions.Tests.Support;

namespace Serverless.Functions.Tests.StepFunctions;

/// <summary>The Step Functions client against a loopback StartExecution that verifies SigV4 for service <c>states</c>.</summary>
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

    [Theory]
    [InlineData("arn:aws:states:us-east-1:123456789012:stateMachine:batch", "arn:aws:states:us-east-1:123456789012:execution:batch:b-1")]
    [InlineData("arn:aws:states:us-east-1:123456789012:stateMachine:batch:PROD", "arn:aws:states:us-east-1:123456789012:execution:batch:b-1")]
    public void ExecutionArnsFollowFromTheStateMachine(string stateMachineArn, string expected)
        => Assert.Equal(expected, ExecutionArns.For(stateMachineArn, "b-1"));
}
