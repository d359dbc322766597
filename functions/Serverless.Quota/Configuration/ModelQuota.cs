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
    /// Tokens (input + cache writes + output × burndown, as Bedrock charges them) in any 60-second span; a call reserves
    /// input + maxTokens × burndown until it is settled (see <see cref="ReserveOutputAtBurndown"/>).
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
    /// True (default, the rule): reserve input + maxTokens × burndown, so a reservation covers any settlement,
    /// the ledger never counts less than Bedrock charges (no throttle by construction) and no 60-second span holds more
    /// settled tokens than the quota; the price is (maxTokens - output) × burndown unused tokens held per call in flight.
    /// False: reserve input + maxTokens as Bedrock itself does at the start of a call and charge the burndown at
    /// settlement: about twice the answered calls on a burndown-5 model at 3× load, but a settlement above its
    /// reservation is charged without a check (the settled tokens of a minute then exceed the quota as far as Bedrock's
    /// own windows let them), and a call admitted between Bedrock's settlement charge and the ledger's can be throttled
    /// (measured: 4 of 931 calls in one run). Only matters where the burndown is above 1. See docs/benchmarks.md.
    /// </summary>
    public bool ReserveOutputAtBurndown { get; set; } = true;

    /// <summary>
    /// Ledger items the scope's limits are split across (each holds limit / Shards, the remainder spread over the
    /// first shards). 1 unless one item would take more than about 1,000 writes/s (DynamoDB's per-partition limit).
    /// </summary>
    public int Shards { get; set; } = 1;
}
