namespace Serverless.Quota.Storage;

/// <summary>
/// Where ledger items live: DynamoDB in production, memory for local runs and tests. Every method is one
/// conditional write (or, for <see cref="ReadAsync"/>, one read that only status queries use). The store knows
/// nothing of quotas or time: the ledger computes conditions and new states; the store applies them atomically.
/// Errors: a store that cannot answer throws <see cref="QuotaStoreUnavailableException"/> (after its own bounded
/// retries of throttling), so the ledger can fail closed or open as configured.
/// </summary>
public interface IQuotaStore
{
    ValueTask<UpdateOutcome> AdmitAsync(string key, AdmitUpdate update, CancellationToken cancellationToken);

    /// <summary>A rollover (with an admission): once per bucket per item, never failing because of concurrent admissions.</summary>
    ValueTask<UpdateOutcome> RollAsync(string key, RollUpdate update, CancellationToken cancellationToken);

    ValueTask<UpdateOutcome> ReplaceAsync(string key, ReplaceUpdate update, CancellationToken cancellationToken);

    ValueTask<UpdateOutcome> AdjustAsync(string key, AdjustUpdate update, CancellationToken cancellationToken);

    /// <summary>The item as stored, or null. Never on the admission path.</summary>
    ValueTask<LedgerState?> ReadAsync(string key, CancellationToken cancellationToken);
}
