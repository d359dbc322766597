namespace Serverless.Quota;

/// <summary>
/// An admitted request's hold on the quota, to be settled after the call. It records where the hold lives (item
/// keys, usage bucket, lease expiry bucket) so settlement is one conditional write with no read.
/// </summary>
public sealed record QuotaReservation
{
    public required string ModelId { get; init; }

    public string? CallerId { get; init; }

    /// <summary>Ledger item of the model's scope (with its shard suffix when sharded).</summary>
    public required string ScopeKey { get; init; }

    /// <summary>Ledger item of the caller's sub-scope, when the caller has a sub-limit.</summary>
    public string? CallerScopeKey { get; init; }

    /// <summary>Usage bucket the request and its tokens were counted in.</summary>
    public required long Bucket { get; init; }

    /// <summary>Tokens reserved: input + maxTokens × burndown.</summary>
    public required long ReservedTokens { get; init; }

    /// <summary>The model's output-token burndown used for the reservation (and so for settlement).</summary>
    public required int OutputTokenBurndown { get; init; }

    /// <summary>Lease bucket in which the concurrency lease expires; null when no concurrency limit applies.</summary>
    public long? LeaseExpiryBucket { get; init; }

    public required DateTimeOffset ReservedAt { get; init; }

    /// <summary>Usage bucket the caller's item counted the request in (its clock may differ from the model item's).</summary>
    public long? CallerBucket { get; init; }

    /// <summary>Lease bucket in which the caller item's lease expires; null when the caller has no concurrency limit.</summary>
    public long? CallerLeaseExpiryBucket { get; init; }

    /// <summary>True when admitted under fail-open without a store write: settling it does nothing.</summary>
    public bool Unrecorded { get; init; }
}
