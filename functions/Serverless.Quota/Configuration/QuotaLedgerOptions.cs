namespace Serverless.Quota;

/// <summary>
/// Limits and ledger settings (settable for configuration binding; a ledger takes a validated <see cref="Snapshot"/>). Limits (the numbers in <see cref="Models"/> and <see cref="Callers"/>) may change
/// while items exist: the next decision uses the new numbers. The ring settings (<see cref="BucketWidth"/>,
/// <see cref="WindowPadding"/>, <see cref="LeaseBucketWidth"/>, <see cref="MaxLeaseDuration"/>) shape the stored
/// items: change them together with <see cref="KeyPrefix"/> so new items start fresh.
/// </summary>
public sealed record QuotaLedgerOptions
{
    /// <summary>Quota per model id or inference profile id (ordinal, case-sensitive, as Bedrock names them).</summary>
    public IReadOnlyDictionary<string, ModelQuota> Models { get; set; } = new Dictionary<string, ModelQuota>(StringComparer.Ordinal);

    /// <summary>Per-caller sub-limits under the model quotas; empty for none.</summary>
    public IReadOnlyList<CallerQuota> Callers { get; set; } = [];

    /// <summary>When true, a request naming a caller that no rule covers is a configuration error; when false it is limited by the model's quota only.</summary>
    public bool RejectUnknownCallers { get; set; }

    /// <summary>Width of one usage bucket. The window counts ceil(60 s / width) + 1 buckets, so sustained throughput is at least 60 / (60 + width) of the quota.</summary>
    public TimeSpan BucketWidth { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Extra time a reservation keeps counting after its minute, to absorb clock and network skew between the ledger and Bedrock.</summary>
    public TimeSpan WindowPadding { get; set; } = TimeSpan.Zero;

    /// <summary>Granularity of lease expiry: a lease expires at the end of the lease bucket in which its duration ends.</summary>
    public TimeSpan LeaseBucketWidth { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest a concurrency lease may be held if never released (the longest call, e.g. the Lambda timeout).</summary>
    public TimeSpan MaxLeaseDuration { get; set; } = TimeSpan.FromMinutes(15);

    public QuotaFailureMode FailureMode { get; set; } = QuotaFailureMode.FailClosed;

    /// <summary>Longest one decision (all its store calls) may wait for the store before it fails closed or open; <see cref="Timeout.InfiniteTimeSpan"/> for no ledger deadline (the store's own still applies).</summary>
    public TimeSpan StoreDeadline { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Store writes one decision may make when it loses races to other writers, before it refuses (bounded contention).</summary>
    public int MaxAttemptsPerItem { get; set; } = 8;

    /// <summary>Largest random delay added to a wait-in-line retry so waiters do not all retry at the same instant.</summary>
    public TimeSpan WaitJitter { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Prefix of every item key (e.g. an environment name), so several ledgers can share one table.</summary>
    public string KeyPrefix { get; set; } = "";

    /// <summary>A deep copy: a ledger keeps its own, so later changes to these options cannot bypass validation.</summary>
    public QuotaLedgerOptions Snapshot() => this with
    {
        Models = Models?.ToDictionary(m => m.Key, m => m.Value is null ? null! : m.Value with { }, StringComparer.Ordinal)!,
        Callers = Callers?.Select(c => c is null ? null! : c with { }).ToArray()!,
    };

    /// <summary>Throws <see cref="QuotaConfigurationException"/> naming the first invalid field.</summary>
    public void Validate() => QuotaOptionsValidator.Validate(this);
}
