using System.Threading.RateLimiting;
using Serverless.Quota.RateLimiting;
using Serverless.Quota.Storage;
using Serverless.TestSupport;

namespace Serverless.Quota.Tests;

public class RateLimiterTests
{
    private const string Model = "amazon.nova-lite-v1:0";
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private QuotaLedger Ledger(IQuotaStore? store = null, long? rpm = null, int? concurrency = null, long? tpm = null) => new(
        store ?? new InMemoryQuotaStore(),
        new QuotaLedgerOptions { Models = new Dictionary<string, ModelQuota> { [Model] = new() { RequestsPerMinute = rpm, ConcurrentRequests = concurrency, TokensPerMinute = tpm } } },
        _time,
        new Random(3));

    [Fact]
    public void AttemptAcquireAnswersSynchronouslyWithTheInMemoryStore()
    {
        using var limiter = new QuotaPartitionedRateLimiter<string>(Ledger(rpm: 2), tenant => new QuotaRequest(Model, 10, 10, tenant));

        using var first = limiter.AttemptAcquire("a");
        using var second = limiter.AttemptAcquire("b");
        using var third = limiter.AttemptAcquire("c");

        Assert.True(first.IsAcquired);
        Assert.True(second.IsAcquired);
        Assert.False(third.IsAcquired);
        Assert.True(third.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(60.25), retryAfter); // the first quarter-second bucket leaves when bucket 241 starts
        Assert.True(third.TryGetMetadata(MetadataName.ReasonPhrase, out var reason));
        Assert.Contains("requests-per-minute", reason, StringComparison.Ordinal);
        Assert.Equal(2, limiter.GetStatistics("a")!.TotalSuccessfulLeases);
        Assert.Equal(1, limiter.GetStatistics("a")!.TotalFailedLeases);
    }

    [Fact]
    public async Task DisposingALeaseReleasesTheConcurrencySlot()
    {
        var ledger = Ledger(concurrency: 1);
        using var limiter = new QuotaRateLimiter(ledger, new QuotaRequest(Model, 10, 10));

        var lease = await limiter.AcquireAsync(1, Ct);
        Assert.True(lease.IsAcquired);
        Assert.False((await limiter.AcquireAsync(1, Ct)).IsAcquired);
        lease.Dispose();

        Assert.True((await limiter.AcquireAsync(1, Ct)).IsAcquired);
    }

    [Fact]
    public async Task ALeaseSettlesWithTheActualUsageItWasGiven()
    {
        var ledger = Ledger(tpm: 1_000);
        using var limiter = new QuotaRateLimiter(ledger, new QuotaRequest(Model, 100, 400));

        using (var lease = (QuotaRateLimitLease)await limiter.AcquireAsync(1, Ct))
        {
            lease.SetActualUsage(new ActualUsage(100, 20));
        }

        using var untouched = await limiter.AcquireAsync(1, Ct);
        var status = await ledger.GetStatusAsync(Model, null, Ct);
        Assert.Equal(120 + 500, status.Scopes.Single().Used);
    }

    [Fact]
    public async Task AttemptAcquireDoesNotBlockOnAnAsynchronousStoreAndReleasesWhatItReserved()
    {
        var store = new AsyncStore(new InMemoryQuotaStore());
        var ledger = Ledger(store, concurrency: 1);
        using var limiter = new QuotaRateLimiter(ledger, new QuotaRequest(Model, 10, 10));

        using var lease = limiter.AttemptAcquire();

        Assert.False(lease.IsAcquired);
        Assert.True(lease.TryGetMetadata(MetadataName.ReasonPhrase, out var reason));
        Assert.Contains("AcquireAsync", reason, StringComparison.Ordinal);
        store.Release();
        for (var i = 0; i < 100_000 && ledger.Counters.Settlements == 0; i++)
        {
            await Task.Yield();
        }

        Assert.Equal(1, ledger.Counters.Admitted);
        Assert.Equal(1, ledger.Counters.Settlements);
        // The background decision admitted and settled: the slot is free again.
        store.AnswerSynchronously = true;
        Assert.True((await limiter.AcquireAsync(1, Ct)).IsAcquired);
    }

    [Fact]
    public void OnePermitIsOneRequest()
    {
        using var limiter = new QuotaRateLimiter(Ledger(rpm: 5), new QuotaRequest(Model, 1, 1));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => limiter.AttemptAcquire(2));

        Assert.Equal("permitCount", error.ParamName);
    }

    /// <summary>Answers only when the test releases it, like a network store.</summary>
    private sealed class AsyncStore(IQuotaStore inner) : IQuotaStore
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool AnswerSynchronously { get; set; }

        public void Release() => _gate.TrySetResult();

        public ValueTask<UpdateOutcome> AdmitAsync(string key, AdmitUpdate update, CancellationToken cancellationToken) => Later(() => inner.AdmitAsync(key, update, cancellationToken));

        public ValueTask<UpdateOutcome> RollAsync(string key, RollUpdate update, CancellationToken cancellationToken) => Later(() => inner.RollAsync(key, update, cancellationToken));

        public ValueTask<UpdateOutcome> ReplaceAsync(string key, ReplaceUpdate update, CancellationToken cancellationToken) => Later(() => inner.ReplaceAsync(key, update, cancellationToken));

        public ValueTask<UpdateOutcome> AdjustAsync(string key, AdjustUpdate update, CancellationToken cancellationToken) => Later(() => inner.AdjustAsync(key, update, cancellationToken));

        public ValueTask<LedgerState?> ReadAsync(string key, CancellationToken cancellationToken) => Later(() => inner.ReadAsync(key, cancellationToken));

        private ValueTask<T> Later<T>(Func<ValueTask<T>> call)
        {
            if (AnswerSynchronously)
            {
                return call();
            }

            return new ValueTask<T>(Run());

            async Task<T> Run()
            {
                await _gate.Task;
                return await call();
            }
        }
    }
}
