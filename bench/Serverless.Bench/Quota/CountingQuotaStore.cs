using Serverless.Quota.Storage;

namespace Serverless.Bench.Quota;

/// <summary>Counts the calls that reach the store, independently of the ledger's own counters.</summary>
internal sealed class CountingQuotaStore(IQuotaStore inner) : IQuotaStore
{
    private long _calls;

    public long Calls => Interlocked.Read(ref _calls);

    public void Reset() => Interlocked.Exchange(ref _calls, 0);

    public ValueTask<UpdateOutcome> AdmitAsync(string key, AdmitUpdate update, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return inner.AdmitAsync(key, update, cancellationToken);
    }

    public ValueTask<UpdateOutcome> RollAsync(string key, RollUpdate update, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return inner.RollAsync(key, update, cancellationToken);
    }

    public ValueTask<UpdateOutcome> ReplaceAsync(string key, ReplaceUpdate update, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return inner.ReplaceAsync(key, update, cancellationToken);
    }

    public ValueTask<UpdateOutcome> AdjustAsync(string key, AdjustUpdate update, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return inner.AdjustAsync(key, update, cancellationToken);
    }

    public ValueTask<LedgerState?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return inner.ReadAsync(key, cancellationToken);
    }
}
