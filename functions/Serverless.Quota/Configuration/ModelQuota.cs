namespace Serverless.Quota;

/// <summary>
/// The quota of one model id or inference profile id (each has its own quota in Bedrock). A null limit means the
/// ledger does not limit that kind for this scope.
/// </summary>
public sealed record ModelQuota
{
    /// <summary>Requests admitted in any 60-second span.</summary>
    public long? RequestsPerMinute { get; set; }

    /// <summary>
    /// Tokens per minute as Bedrock counts them: a call reserves input + maxTokens when admitted and is charged input +
    /// cache writes + output × burndown when settled (docs/quota-ledger.md, "The bound").
    /// </summary>
    public long? TokensPerMinute { get; set; }

    /// <summary>Calls in flight at once (leases that expire if never released).</summary>
    public int? ConcurrentRequests { get; set; }

    /// <summary>
    /// How many quota tokens one output token costs: 5 for the newest Claude models (Claude 3.7 Sonnet and later
    /// Claude models, per Bedrock's token burndown table), 1 otherwise.
    /// </summary>
    public int OutputTokenBurndown { get; set; } = 1;

    /// <summary>
    /// False (default): reserve input + maxTokens as Bedrock itself does at the start of a call, and charge the burndown
    /// at settlement, as Bedrock does: the ledger admits what Bedrock admits (measured on a burndown-5 model: twice the
    /// answered calls of reserving maxTokens × 5, 0 throttles). A settlement above its reservation is charged without a
    /// limit check, as Bedrock charges it; in the milliseconds between Bedrock's charge and the ledger's settlement
    /// Bedrock counts more than the ledger, so a call admitted in that gap at the very edge of the quota can be throttled.
    /// True: reserve maxTokens × burndown, so a reservation covers any settlement and the ledger never counts less than
    /// Bedrock charges (no throttle by construction), at the price of holding (maxTokens - output) × burndown unused
    /// tokens per call in flight. Only matters where the burndown is above 1. See docs/benchmarks.md (quota goodput).
    /// </summary>
    public bool ReserveOutputAtBurndown { get; set; }

    /// <summary>
    /// Ledger items the scope's limits are split across (each holds limit / Shards, the remainder spread over the
    /// first shards). 1 unless one item would take more than about 1,000 writes/s (DynamoDB's per-partition limit).
    /// </summary>
    public int Shards { get; set; } = 1;
}
