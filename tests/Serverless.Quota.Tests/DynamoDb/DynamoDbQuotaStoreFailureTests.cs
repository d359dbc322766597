using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Serverless.Quota.Storage;
using Serverless.Quota.Storage.DynamoDb;
using Serverless.TestSupport;

namespace Serverless.Quota.Tests.DynamoDb;

/// <summary>
/// Throttling and failures: retried with full-jitter backoff within the deadline, then a clear
/// <see cref="QuotaStoreUnavailableException"/>; errors a retry cannot fix fail at once; never an unbounded wait.
/// Time is a <see cref="ManualTimeProvider"/>: the tests move it, nothing sleeps.
/// </summary>
public sealed class DynamoDbQuotaStoreFailureTests
{
    private const string Table = "quota-ledger-test";
    private static readonly AdmitUpdate Admission = LedgerStates.Admission(100, 10, tokens: 50);
    private readonly ManualTimeProvider _clock = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThrottlingAndServerErrorsAreRetriedUntilTheWriteSucceeds()
    {
        var client = new ScriptedDynamoDbClient(
            _clock,
            ScriptedDynamoDbClient.Throw(new ProvisionedThroughputExceededException("Throughput exceeds the current capacity of your table or index.")),
            ScriptedDynamoDbClient.Throw(new ThrottlingException("Rate of requests exceeds the allowed throughput.")),
            ScriptedDynamoDbClient.Throw(new RequestLimitExceededException("Throughput exceeds the current throughput limit for your account.")),
            ScriptedDynamoDbClient.Throw(new InternalServerErrorException("Internal server error")),
            ScriptedDynamoDbClient.Throw(new AmazonDynamoDBException("Service unavailable", ErrorType.Receiver, "ServiceUnavailable", "req-1", HttpStatusCode.ServiceUnavailable)),
            ScriptedDynamoDbClient.Throw(new HttpRequestException("Connection reset by peer")),
            ScriptedDynamoDbClient.Succeed);
        var store = Store(client, new DynamoDbQuotaStoreOptions { TableName = Table, BaseRetryDelay = TimeSpan.Zero, MaxRetryDelay = TimeSpan.Zero });

        var outcome = await store.AdmitAsync("q#model", Admission, Token);

        Assert.True(outcome.Applied);
        Assert.Equal(7, client.Calls);
    }

    [Fact]
    public async Task ThrottlingPastTheDeadlineFailsWithAClearError()
    {
        var client = new ScriptedDynamoDbClient(_clock, _ =>
        {
            _clock.Advance(TimeSpan.FromMilliseconds(300)); // each throttled attempt takes 300 ms
            throw new ProvisionedThroughputExceededException("Throughput exceeds the current capacity of your table or index.");
        });
        var store = Store(client, new DynamoDbQuotaStoreOptions { TableName = Table, Deadline = TimeSpan.FromSeconds(1), BaseRetryDelay = TimeSpan.Zero, MaxRetryDelay = TimeSpan.Zero });

        var error = await Assert.ThrowsAsync<QuotaStoreUnavailableException>(() => store.AdmitAsync("q#model", Admission, Token).AsTask());

        Assert.Equal(4, client.Calls); // at 0, 300, 600, 900 ms; the fourth ends at 1,200 ms, past the deadline
        Assert.IsType<ProvisionedThroughputExceededException>(error.InnerException);
        Assert.Contains($"'{Table}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("admission of 'q#model'", error.Message, StringComparison.Ordinal);
        Assert.Contains("deadline of 1000 ms (4 attempt(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryDelaysAreRandomAndBelowAnExponentiallyGrowingCap()
    {
        var throttled = ScriptedDynamoDbClient.Throw(new ThrottlingException("Rate exceeded"));
        var client = new ScriptedDynamoDbClient(_clock, throttled, throttled, throttled, throttled, throttled, throttled, ScriptedDynamoDbClient.Succeed);
        var options = new DynamoDbQuotaStoreOptions
        {
            TableName = Table,
            Deadline = TimeSpan.FromSeconds(30),
            BaseRetryDelay = TimeSpan.FromMilliseconds(100),
            MaxRetryDelay = TimeSpan.FromMilliseconds(400),
        };
        var store = Store(client, options);

        var admit = store.AdmitAsync("q#model", Admission, Token).AsTask();
        await RunClockUntilAsync(admit, step: TimeSpan.FromMilliseconds(1));

        Assert.True((await admit).Applied);
        var gaps = client.CallTimes.Zip(client.CallTimes.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToArray();
        double[] caps = [100, 200, 400, 400, 400, 400];
        Assert.Equal(caps.Length, gaps.Length);
        Assert.All(gaps.Zip(caps), pair => Assert.InRange(pair.First, 0, pair.Second + 1));
        Assert.True(gaps.Distinct().Count() > 3, "full jitter draws a different delay each time: " + string.Join(", ", gaps));
        Assert.True(gaps.Zip(caps).Count(pair => pair.First < pair.Second - 5) >= 3, "delays are drawn below the cap, not at it: " + string.Join(", ", gaps));
    }

    [Fact]
    public async Task AnAttemptThatNeverAnswersIsCutAtItsTimeoutAndTheCallEndsAtTheDeadline()
    {
        var client = new ScriptedDynamoDbClient(_clock, ScriptedDynamoDbClient.Hang);
        var options = new DynamoDbQuotaStoreOptions
        {
            TableName = Table,
            Deadline = TimeSpan.FromSeconds(1),
            AttemptTimeout = TimeSpan.FromMilliseconds(300),
            BaseRetryDelay = TimeSpan.Zero,
            MaxRetryDelay = TimeSpan.Zero,
        };
        var store = Store(client, options);
        var started = _clock.GetUtcNow();

        var admit = store.AdmitAsync("q#model", Admission, Token).AsTask();
        await RunClockUntilAsync(admit, step: TimeSpan.FromMilliseconds(10));

        var error = await Assert.ThrowsAsync<QuotaStoreUnavailableException>(() => admit);
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Equal(4, client.Calls); // 300 + 300 + 300 + the last 100 ms of the deadline
        Assert.InRange((_clock.GetUtcNow() - started).TotalMilliseconds, 1000, 1010);
    }

    [Fact]
    public async Task TheCallersCancellationEndsAHangingCallAsCancelledNotAsAnOutage()
    {
        var client = new ScriptedDynamoDbClient(_clock, ScriptedDynamoDbClient.Hang);
        var store = Store(client, new DynamoDbQuotaStoreOptions { TableName = Table });
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var admit = store.AdmitAsync("q#model", Admission, cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => admit);
        Assert.Equal(1, client.Calls);
    }

    [Fact]
    public async Task AMissingTableFailsAtOnceNamingTheTable()
    {
        var client = new ScriptedDynamoDbClient(_clock, ScriptedDynamoDbClient.Throw(new ResourceNotFoundException("Requested resource not found")));
        var store = Store(client, new DynamoDbQuotaStoreOptions { TableName = Table });

        var error = await Assert.ThrowsAsync<QuotaStoreUnavailableException>(() => store.AdmitAsync("q#model", Admission, Token).AsTask());

        Assert.Equal(1, client.Calls);
        Assert.Contains($"table '{Table}' was not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("TableName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErrorARetryCannotFixFailsAtOnceWithItsCode()
    {
        var denied = new AmazonDynamoDBException("User is not authorized to perform: dynamodb:UpdateItem", ErrorType.Sender, "AccessDeniedException", "req-2", HttpStatusCode.BadRequest);
        var client = new ScriptedDynamoDbClient(_clock, ScriptedDynamoDbClient.Throw(denied));
        var store = Store(client, new DynamoDbQuotaStoreOptions { TableName = Table });

        var error = await Assert.ThrowsAsync<QuotaStoreUnavailableException>(() => store.AdjustAsync("q#model", new AdjustUpdate(3, -5, 160, null, 0, 0), Token).AsTask());

        Assert.Equal(1, client.Calls);
        Assert.Same(denied, error.InnerException);
        Assert.Contains("settlement of 'q#model'", error.Message, StringComparison.Ordinal);
        Assert.Contains("AccessDeniedException", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingCredentialsFailAsAnOutageNamingTheTable()
    {
        var client = new ScriptedDynamoDbClient(_clock, ScriptedDynamoDbClient.Throw(new AmazonClientException("Failed to resolve AWS credentials.")));
        var store = Store(client, new DynamoDbQuotaStoreOptions { TableName = Table });

        var error = await Assert.ThrowsAsync<QuotaStoreUnavailableException>(() => store.ReadAsync("q#model", Token).AsTask());

        Assert.Equal(1, client.Calls);
        Assert.Contains($"table '{Table}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("credentials", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedConditionIsAnAnswerNotAnErrorAndIsNotRetried()
    {
        var stored = LedgerStates.Empty(101, 10, version: 12);
        var failed = new ConditionalCheckFailedException("The conditional request failed") { Item = LedgerItem.ToItem("q#model", stored) };
        var client = new ScriptedDynamoDbClient(_clock, ScriptedDynamoDbClient.Throw(failed));
        var store = Store(client, new DynamoDbQuotaStoreOptions { TableName = Table });

        var outcome = await store.AdmitAsync("q#model", Admission, Token);

        Assert.False(outcome.Applied);
        LedgerStoreSemanticsTests.AssertSameState(stored, outcome.Current);
        Assert.Equal(1, client.Calls);
    }

    [Theory]
    [InlineData("", "TableName")]
    [InlineData("t", "Deadline")]
    [InlineData("t", "AttemptTimeout")]
    [InlineData("t", "MaxRetryDelay")]
    public void InvalidOptionsAreRejectedNamingTheOption(string tableName, string invalid)
    {
        var options = new DynamoDbQuotaStoreOptions { TableName = tableName };
        switch (invalid)
        {
            case "Deadline": options.Deadline = TimeSpan.Zero; break;
            case "AttemptTimeout": options.AttemptTimeout = TimeSpan.FromSeconds(-1); break;
            case "MaxRetryDelay": options.MaxRetryDelay = options.BaseRetryDelay / 2; break;
        }

        using var client = new ScriptedDynamoDbClient(_clock, ScriptedDynamoDbClient.Succeed);
        var error = Assert.Throws<ArgumentException>(() => Store(client, options));

        Assert.Equal(invalid, error.ParamName);
        Assert.Contains(invalid, error.Message, StringComparison.Ordinal);
    }

    private DynamoDbQuotaStore Store(IAmazonDynamoDB client, DynamoDbQuotaStoreOptions options) => new(client, options, _clock, new Random(42));

    /// <summary>Moves the manual clock in small steps until the store's call completes (bounded: a hang fails the test).</summary>
    private async Task RunClockUntilAsync(Task call, TimeSpan step)
    {
        // A bound on a hung store, not a wait: the loop moves on as soon as the store has armed its next timer.
        var bound = System.Diagnostics.Stopwatch.StartNew();
        while (!call.IsCompleted && bound.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_clock.PendingTimers == 0)
            {
                await Task.Yield(); // the store's continuation has not armed its next timer yet
                continue;
            }

            _clock.Advance(step);
        }

        Assert.True(call.IsCompleted, "the store call did not complete as the clock moved");
    }
}
