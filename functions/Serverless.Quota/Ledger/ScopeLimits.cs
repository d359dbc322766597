namespace Serverless.Quota.Ledger;

/// <summary>The limits one ledger item enforces (a model shard's share, or a caller's sub-limit); null = not limited.</summary>
internal readonly record struct ScopeLimits(long? RequestsPerMinute, long? TokensPerMinute, long? ConcurrentRequests)
{
    public static ScopeLimits Unlimited => default;

    public static ScopeLimits ForCaller(CallerQuota rule) => new(rule.RequestsPerMinute, rule.TokensPerMinute, rule.ConcurrentRequests);

    /// <summary>Shard <paramref name="shard"/>'s share: limit / shards, the remainder going to the first shards, so the shares sum to the limit exactly.</summary>
    public static ScopeLimits ForShard(ModelQuota quota, int shard) => new(
        Share(quota.RequestsPerMinute, quota.Shards, shard),
        Share(quota.TokensPerMinute, quota.Shards, shard),
        Share(quota.ConcurrentRequests, quota.Shards, shard));

    private static long? Share(long? limit, int shards, int shard)
        => limit is { } total ? (total / shards) + (shard < total % shards ? 1 : 0) : null;
}

/// <summary>What one admission adds to an item (negative to take an admission back).</summary>
internal readonly record struct ItemCost(long Requests, long Tokens, long Leases);
