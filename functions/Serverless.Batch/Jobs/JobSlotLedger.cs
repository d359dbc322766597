using System.Collections.Concurrent;
using Serverless.Quota;
using Serverless.Quota.Storage;

namespace Serverless.Batch.Jobs;

/// <summary>Bedrock's "batch inference jobs (submitted + in progress) per model" quota, as ledger concurrency.</summary>
public sealed record JobSlotOptions
{
    /// <summary>Jobs per model id when the model is not listed in <see cref="JobsPerModel"/>.</summary>
    public int DefaultJobsPerModel { get; init; } = 10;

    public IReadOnlyDictionary<string, int> JobsPerModel { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>Item key prefix: job slots live in the quota table beside the on-demand quotas, never colliding.</summary>
    public string KeyPrefix { get; init; } = "batch-jobs#";
}

/// <summary>
/// Admits each batch job against its model's job quota with a concurrency lease that lasts as long as the job may
/// (its timeout plus a margin), so a workflow that dies without releasing frees the slot by itself.
/// </summary>
public sealed class JobSlotLedger(IQuotaStore store, JobSlotOptions options, TimeProvider time, Random random)
{
    /// <summary>168 hours (Bedrock's longest job timeout) plus the fan-out's margin.</summary>
    public static readonly TimeSpan MaxLease = TimeSpan.FromHours(170);

    private readonly ConcurrentDictionary<string, QuotaLedger> _ledgers = new(StringComparer.Ordinal);

    public ValueTask<QuotaDecision> TryAdmitAsync(string modelId, TimeSpan lease, CancellationToken cancellationToken)
        => LedgerFor(modelId).TryReserveAsync(new QuotaRequest(modelId, 0, 0, null, lease), cancellationToken);

    public ValueTask ReleaseAsync(QuotaReservation reservation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        return LedgerFor(reservation.ModelId).SettleAsync(reservation, ActualUsage.None, cancellationToken);
    }

    /// <summary>Jobs of the model admitted and not yet released.</summary>
    public async ValueTask<long> ActiveJobsAsync(string modelId, CancellationToken cancellationToken)
    {
        var status = await LedgerFor(modelId).GetStatusAsync(modelId, null, cancellationToken).ConfigureAwait(false);
        return status.Scopes.Where(s => s.Kind == QuotaLimitKind.ConcurrentRequests).Sum(s => s.Used);
    }

    private QuotaLedger LedgerFor(string modelId) => _ledgers.GetOrAdd(modelId, id => new QuotaLedger(store, new QuotaLedgerOptions
    {
        Models = new Dictionary<string, ModelQuota>(StringComparer.Ordinal)
        {
            [id] = new ModelQuota { ConcurrentRequests = options.JobsPerModel.TryGetValue(id, out var jobs) ? jobs : options.DefaultJobsPerModel },
        },
        KeyPrefix = options.KeyPrefix,
        MaxLeaseDuration = MaxLease,
        // Job leases last hours: 10-minute expiry buckets keep the item small (about 1,000 lease slots).
        LeaseBucketWidth = TimeSpan.FromMinutes(10),
    }, time, random));
}
