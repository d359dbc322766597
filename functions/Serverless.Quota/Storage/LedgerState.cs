namespace Serverless.Quota.Storage;

/// <summary>
/// The counters of one ledger item: one scope (a model, an inference profile, or a caller under one of them;
/// optionally one shard of it). Two rings of time buckets make the windows exact without a read before the write:
/// <list type="bullet">
/// <item>the <b>usage ring</b> holds the requests and tokens admitted in each of the last <c>WindowSlots</c>
/// buckets up to <see cref="Bucket"/>; <see cref="UsedRequests"/> and <see cref="UsedTokens"/> are their sums, kept
/// beside the slots because a DynamoDB condition can compare an attribute but cannot add several;</item>
/// <item>the <b>lease ring</b> holds concurrency leases by the bucket in which they expire; <see cref="ActiveLeases"/>
/// is their sum for expiry buckets after <see cref="LeaseBucket"/>.</item>
/// </list>
/// Moving a ring's clock forward (a "rollover") subtracts the slots that left the window from the sums and zeroes them.
/// </summary>
public sealed class LedgerState
{
    /// <summary>
    /// Bumped by rollovers, settlements and whole-item rewrites, NOT by admissions: a rollover is conditional on it (and
    /// on the ring clocks), so concurrent admissions never make a rollover fail.
    /// </summary>
    public long Version { get; set; }

    /// <summary>The newest usage bucket (time / bucket width) the usage ring covers.</summary>
    public long Bucket { get; set; }

    /// <summary>Requests admitted in buckets Bucket - WindowSlots + 1 .. Bucket (reservations not yet expired).</summary>
    public long UsedRequests { get; set; }

    /// <summary>Tokens reserved (then settled) in the same buckets.</summary>
    public long UsedTokens { get; set; }

    /// <summary>Ring of requests per bucket: slot (bucket mod WindowSlots).</summary>
    public long[] RequestSlots { get; set; } = [];

    /// <summary>Ring of tokens per bucket: slot (bucket mod WindowSlots), settlements included.</summary>
    public long[] TokenSlots { get; set; } = [];

    /// <summary>
    /// The part of <see cref="TokenSlots"/> that settlements added since the last rollover, by slot (already counted in
    /// <see cref="TokenSlots"/> and <see cref="UsedTokens"/>). A store may keep it apart from the ring (DynamoDB does:
    /// a settlement then adds to one map entry instead of rewriting the ring); a rollover folds it in.
    /// </summary>
    public Dictionary<int, long> TokenAdjustments { get; set; } = [];

    /// <summary>The newest lease bucket (time / lease bucket width) already processed: leases expiring at or before it no longer count.</summary>
    public long LeaseBucket { get; set; }

    /// <summary>Leases whose expiry bucket is after <see cref="LeaseBucket"/>.</summary>
    public long ActiveLeases { get; set; }

    /// <summary>Ring of leases per expiry bucket: slot (expiry bucket mod LeaseSlots). Empty when the scope limits no concurrency.</summary>
    public long[] LeaseSlots { get; set; } = [];

    /// <summary>When the item may be deleted (DynamoDB TTL, epoch seconds): after every reservation and lease in it has expired.</summary>
    public long ExpiresAtEpochSeconds { get; set; }

    public LedgerState Clone() => new()
    {
        Version = Version,
        Bucket = Bucket,
        UsedRequests = UsedRequests,
        UsedTokens = UsedTokens,
        RequestSlots = (long[])RequestSlots.Clone(),
        TokenSlots = (long[])TokenSlots.Clone(),
        TokenAdjustments = new Dictionary<int, long>(TokenAdjustments),
        LeaseBucket = LeaseBucket,
        ActiveLeases = ActiveLeases,
        LeaseSlots = (long[])LeaseSlots.Clone(),
        ExpiresAtEpochSeconds = ExpiresAtEpochSeconds,
    };
}
