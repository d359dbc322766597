using Serverless.Quota.Storage;
using Serverless.TestSupport;

namespace Serverless.Quota.Tests.Contract;

/// <summary>
/// The ledger's behaviour against any store: a store passes when every test here passes. Subclass it per store
/// (<see cref="InMemoryQuotaLedgerTests"/>, the DynamoDB Local tests) and implement <see cref="CreateStoreAsync"/>.
/// xunit creates one instance per test, so <see cref="KeyPrefix"/> is unique per test: stores that share a table
/// across tests stay isolated without cleanup. Time only moves when a test advances <see cref="Time"/>.
/// </summary>
public abstract partial class QuotaLedgerContractTests
{
    protected const string Model = "anthropic.claude-sonnet-4-5";

    private IQuotaStore? _store;

    /// <summary>A new (or shared, when keys are isolated by <see cref="KeyPrefix"/>) store for this test.</summary>
    protected abstract ValueTask<IQuotaStore> CreateStoreAsync();

    /// <summary>Prepended to every item key this test's ledgers write.</summary>
    protected virtual string KeyPrefix { get; } = $"t{Guid.NewGuid():N}/";

    /// <summary>Starts on a minute boundary so bucket arithmetic in the tests is easy to follow.</summary>
    protected ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected async ValueTask<IQuotaStore> StoreAsync() => _store ??= await CreateStoreAsync();

    /// <summary>Options for one model with the given limits, this test's key prefix and no ledger deadline (stores keep their own).</summary>
    protected QuotaLedgerOptions Options(long? rpm = null, long? tpm = null, int? concurrency = null, int burndown = 1, int shards = 1)
        => new()
        {
            Models = new Dictionary<string, ModelQuota>
            {
                [Model] = new() { RequestsPerMinute = rpm, TokensPerMinute = tpm, ConcurrentRequests = concurrency, OutputTokenBurndown = burndown, Shards = shards },
            },
            KeyPrefix = KeyPrefix,
            StoreDeadline = Timeout.InfiniteTimeSpan,

            // Whole-second buckets keep the expected times readable; the window properties also run at the default width.
            BucketWidth = TimeSpan.FromSeconds(1),
        };

    protected static readonly TimeSpan DefaultBucketWidth = new QuotaLedgerOptions().BucketWidth;

    protected async ValueTask<QuotaLedger> LedgerAsync(QuotaLedgerOptions options, IQuotaStore? store = null, TimeProvider? time = null, int seed = 7)
        => new(store ?? await StoreAsync(), options, time ?? Time, new Random(seed));

    /// <summary>The default reservation rule, stated where a test depends on it (<see cref="ModelQuota.ReserveOutputAtBurndown"/>).</summary>
    protected static QuotaLedgerOptions ReservingMaxTokensTimesBurndown(QuotaLedgerOptions options)
    {
        options.Models[Model].ReserveOutputAtBurndown = true;
        return options;
    }

    /// <summary>The option to reserve input + maxTokens, as Bedrock does at the start of a call.</summary>
    protected static QuotaLedgerOptions ReservingLikeBedrock(QuotaLedgerOptions options)
    {
        options.Models[Model].ReserveOutputAtBurndown = false;
        return options;
    }

    protected static QuotaRequest Request(long input = 10, int maxOutput = 0, string? caller = null, TimeSpan? lease = null)
        => new(Model, input, maxOutput, caller, lease);

    protected static async Task<int> AdmitCountAsync(IQuotaLedger ledger, int attempts, Func<int, QuotaRequest> request)
    {
        var admitted = 0;
        for (var i = 0; i < attempts; i++)
        {
            if ((await ledger.TryReserveAsync(request(i), Ct)).Admitted)
            {
                admitted++;
            }
        }

        return admitted;
    }

    [Fact]
    public async Task AdmitsUpToTheRequestsPerMinuteThenRefuses()
    {
        var ledger = await LedgerAsync(Options(rpm: 5));

        var admitted = await AdmitCountAsync(ledger, 5, _ => Request());
        var refused = await ledger.TryReserveAsync(Request(), Ct);

        Assert.Equal(5, admitted);
        Assert.False(refused.Admitted);
        Assert.Equal(QuotaLimitKind.RequestsPerMinute, refused.RefusedBy);
        Assert.Equal(Model, refused.RefusedScope);
        Assert.False(refused.StoreUnavailable);
    }

    [Fact]
    public async Task ReservingMaxTokensTimesBurndownCountsInputPlusMaxTokensTimesBurndown()
    {
        var ledger = await LedgerAsync(ReservingMaxTokensTimesBurndown(Options(tpm: 1_000, burndown: 5)));

        // 100 + 80 × 5 = 500 tokens each: two fit, a third does not.
        var first = await ledger.TryReserveAsync(Request(100, 80), Ct);
        var second = await ledger.TryReserveAsync(Request(100, 80), Ct);
        var third = await ledger.TryReserveAsync(Request(100, 80), Ct);

        Assert.True(first.Admitted);
        Assert.Equal(500, first.Reservation!.ReservedTokens);
        Assert.True(second.Admitted);
        Assert.False(third.Admitted);
        Assert.Equal(QuotaLimitKind.TokensPerMinute, third.RefusedBy);
    }

    [Fact]
    public async Task CapacityReturnsWhenTheMinuteHasPassed()
    {
        var ledger = await LedgerAsync(Options(rpm: 3));
        Assert.Equal(3, await AdmitCountAsync(ledger, 3, _ => Request()));

        Time.Advance(TimeSpan.FromSeconds(30));
        Assert.False((await ledger.TryReserveAsync(Request(), Ct)).Admitted);

        // Admitted in bucket 0 → counts in buckets 0..60, leaves when bucket 61 starts.
        Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(3, await AdmitCountAsync(ledger, 4, _ => Request()));
    }

    [Fact]
    public async Task ConcurrentRequestsAreLimitedAndReleasedOnSettlement()
    {
        var ledger = await LedgerAsync(Options(concurrency: 2));

        var first = await ledger.TryReserveAsync(Request(), Ct);
        var second = await ledger.TryReserveAsync(Request(), Ct);
        var third = await ledger.TryReserveAsync(Request(), Ct);
        Assert.True(first.Admitted && second.Admitted);
        Assert.Equal(QuotaLimitKind.ConcurrentRequests, third.RefusedBy);

        await ledger.SettleAsync(first.Reservation!, new ActualUsage(10, 0), Ct);

        Assert.True((await ledger.TryReserveAsync(Request(), Ct)).Admitted);
    }
}
