namespace Serverless.Quota;

/// <summary>
/// The quota of one model id or inference profile id (each has its own quota in Bedrock). A null limit means the
/// ledger does not limit that kind for this scope.
/// </summary>
public sealed record ModelQuota
{
    /// <summary>Requests admitted in any 60-second span.</summary>
    public long? RequestsPerMinute { get; set; }

    /// <summary>Tokens (input + cache writes + output × burndown) reserved in any 60-second span.</summary>
    public long? TokensPerMinute { get; set; }

    /// <summary>Calls in flight at once (leases that expire if never released).</summary>
    public int? ConcurrentRequests { get; set; }

    /// <summary>
    /// How many quota tokens one output token costs: 5 for the newest Claude models (Claude 3.7 Sonnet and later
    /// Claude models, per Bedrock's token burndown table), 1 otherwise.
    /// </summary>
    public int OutputTokenBurndown { get; set; } = 1;

    /// <summary>
    /// True (default): reserve maxTokens × burndown, so a reservation covers any settlement and the ledger never counts
    /// less than Bedrock charges: no throttles by construction. False: reserve maxTokens as Bedrock itself does at the
    /// start of a call (input + maxTokens) and charge the burndown at settlement: more goodput when the burndown is
    /// above 1, but while a settlement is on its way back Bedrock may already count more than the ledger, so a
    /// throttle becomes possible near the quota. See docs/benchmarks.md (quota goodput) for both, measured.
    /// </summary>
    public bool ReserveOutputAtBurndown { get; set; } = true;

    /// <summary>
    /// Ledger items the scope's limits are split across (each holds limit / Shards, the remainder spread over the
    /// first shards). 1 unless one item would take more than about 1,000 writes/s (DynamoDB's per-partition limit).
    /// </summary>
    public int Shards { get; set; } = 1;
}
