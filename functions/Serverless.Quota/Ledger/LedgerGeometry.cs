using Serverless.Quota.Storage;

namespace Serverless.Quota.Ledger;

/// <summary>
/// The ring arithmetic shared by every decision: which bucket a time falls in, how many slots each ring has, how a
/// stored ring moves forward (rollover), and when enough of a ring leaves for a cost to fit (Retry-After).
/// Pure functions of the options: the ledger computes, the store only applies.
/// </summary>
internal sealed class LedgerGeometry
{
    private static readonly long UnixEpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    public LedgerGeometry(QuotaLedgerOptions options)
    {
        BucketTicks = options.BucketWidth.Ticks;
        LeaseBucketTicks = options.LeaseBucketWidth.Ticks;
        // ceil(60 s / w) + 1 buckets cover [t - 60 s - w, t] ⊇ (t - 60 s, t]; padding adds whole buckets.
        WindowSlots = (int)(CeilDiv(TimeSpan.FromSeconds(60).Ticks, BucketTicks) + 1 + CeilDiv(options.WindowPadding.Ticks, BucketTicks));
        // Expiry buckets of live leases lie in LeaseBucket + 1 .. LeaseBucket + ceil(max / lw) + 1.
        LeaseSlots = (int)(CeilDiv(options.MaxLeaseDuration.Ticks, LeaseBucketTicks) + 2);
        MaxLeaseDuration = options.MaxLeaseDuration;
        HoldTicks = (WindowSlots * BucketTicks) + options.MaxLeaseDuration.Ticks + LeaseBucketTicks;
    }

    public long BucketTicks { get; }

    public long LeaseBucketTicks { get; }

    public int WindowSlots { get; }

    public int LeaseSlots { get; }

    public TimeSpan MaxLeaseDuration { get; }

    /// <summary>How long after a write everything it holds has surely expired: the window, the longest lease, and one lease bucket of rounding.</summary>
    public long HoldTicks { get; }

    public long Bucket(DateTimeOffset time) => FloorDiv(time.UtcTicks - UnixEpochTicks, BucketTicks);

    public long LeaseBucket(DateTimeOffset time) => FloorDiv(time.UtcTicks - UnixEpochTicks, LeaseBucketTicks);

    public DateTimeOffset BucketStart(long bucket) => new(UnixEpochTicks + (bucket * BucketTicks), TimeSpan.Zero);

    public DateTimeOffset LeaseBucketStart(long leaseBucket) => new(UnixEpochTicks + (leaseBucket * LeaseBucketTicks), TimeSpan.Zero);

    /// <summary>
    /// The lease bucket at whose start a lease taken at <paramref name="time"/> (or, when another writer's clock is
    /// ahead, at the start of the item's lease bucket) stops counting: never before the duration has passed.
    /// </summary>
    public long LeaseExpiryBucket(DateTimeOffset time, long itemLeaseBucket, TimeSpan duration)
    {
        var fromTicks = Math.Max(time.UtcTicks - UnixEpochTicks, itemLeaseBucket * LeaseBucketTicks);
        return Math.Max(CeilDiv(fromTicks + duration.Ticks, LeaseBucketTicks), itemLeaseBucket + 1);
    }

    public int Slot(long bucket) => (int)Mod(bucket, WindowSlots);

    public int LeaseSlot(long leaseBucket) => (int)Mod(leaseBucket, LeaseSlots);

    /// <summary>The bucket after which a reservation made in <paramref name="bucket"/> no longer counts.</summary>
    public long LastBucketCounting(long bucket) => bucket + WindowSlots - 1;

    /// <summary>
    /// The item's TTL for a write at these ring clocks: the end of the later of the two buckets plus the longest hold.
    /// Derived from the clocks, not from the writer's own time, so every fast-path write at the same clocks sets the
    /// same value and a later one never lowers it: DynamoDB update expressions have no max(), a plain SET must do.
    /// </summary>
    public long ExpiresAtEpochSeconds(long bucket, long leaseBucket)
    {
        var end = Math.Max((bucket + 1) * BucketTicks, (leaseBucket + 1) * LeaseBucketTicks);
        return CeilDiv(end + HoldTicks, TimeSpan.TicksPerSecond);
    }

    /// <summary>
    /// A new item's state. Only scopes that limit concurrency carry a lease ring (and a lease clock, 0 otherwise): it
    /// would be most of an item's attribute values.
    /// </summary>
    public LedgerState Empty(long bucket, long leaseBucket, bool withLeaseRing) => new()
    {
        Bucket = bucket,
        LeaseBucket = withLeaseRing ? leaseBucket : 0,
        RequestSlots = new long[WindowSlots],
        TokenSlots = new long[WindowSlots],
        LeaseSlots = withLeaseRing ? new long[LeaseSlots] : [],
    };

    /// <summary>True when an admission at these clocks needs the item's rings moved forward first.</summary>
    public static bool NeedsRoll(LedgerState state, long bucket, long leaseBucket, bool takesLease)
        => state.Bucket < bucket || (takesLease && state.LeaseBucket < leaseBucket);

    /// <summary>
    /// A copy of <paramref name="state"/> with its rings moved forward to the given clocks: usage of buckets that left
    /// the window and leases that expired are subtracted from the sums and their slots zeroed. Settlements' token
    /// adjustments are folded into the ring, except those of the item's own bucket when the clock moves one bucket
    /// (a roll leaves that slot to concurrent admissions). A ring of another shape (ring settings changed, or a lease
    /// ring needed where there is none) keeps its sums, conservatively, in the newest slots at the given clocks.
    /// </summary>
    public LedgerState Rollover(LedgerState state, long bucket, long leaseBucket, bool needsLeaseRing = false)
    {
        var next = state.Clone();
        if (!HasShape(next, needsLeaseRing))
        {
            // Written under other ring settings: its bucket numbers mean other times. Restart its clocks at ours and
            // keep everything it holds for a full window (and the longest lease) from now.
            next.RequestSlots = new long[WindowSlots];
            next.TokenSlots = new long[WindowSlots];
            next.TokenAdjustments = [];
            next.LeaseSlots = needsLeaseRing || state.LeaseSlots.Length > 0 || state.ActiveLeases != 0 ? new long[LeaseSlots] : [];
            next.Bucket = bucket;
            next.LeaseBucket = leaseBucket;
            next.RequestSlots[Slot(bucket)] = next.UsedRequests;
            next.TokenSlots[Slot(bucket)] = next.UsedTokens;
            if (next.LeaseSlots.Length > 0)
            {
                next.LeaseSlots[LeaseSlot(leaseBucket + LeaseSlots - 1)] = next.ActiveLeases;
            }

            return next;
        }

        if (bucket > next.Bucket)
        {
            var kept = bucket == next.Bucket + 1 && next.TokenAdjustments.TryGetValue(Slot(next.Bucket), out var own) ? own : (long?)null;
            next.TokenAdjustments.Clear();
            if (kept is { } adjustment)
            {
                next.TokenAdjustments[Slot(next.Bucket)] = adjustment;
            }

            var leaving = Math.Min(bucket - next.Bucket, WindowSlots);
            for (var b = next.Bucket - WindowSlots + 1; b < next.Bucket - WindowSlots + 1 + leaving; b++)
            {
                var slot = Slot(b);
                next.UsedRequests -= next.RequestSlots[slot];
                next.UsedTokens -= next.TokenSlots[slot];
                next.RequestSlots[slot] = 0;
                next.TokenSlots[slot] = 0;
            }

            next.Bucket = bucket;
        }

        if (leaseBucket > next.LeaseBucket && next.LeaseSlots.Length > 0)
        {
            var expiring = Math.Min(leaseBucket - next.LeaseBucket, LeaseSlots);
            for (var e = next.LeaseBucket + 1; e <= next.LeaseBucket + expiring; e++)
            {
                var slot = LeaseSlot(e);
                next.ActiveLeases -= next.LeaseSlots[slot];
                next.LeaseSlots[slot] = 0;
            }

            next.LeaseBucket = leaseBucket;
        }

        return next;
    }

    /// <summary>Adds a cost to a state whose rings stand at the admission's clocks (the effect of an admission, computed locally).</summary>
    public static void Apply(LedgerState state, ItemCost cost, int slot, int leaseSlot)
    {
        state.UsedRequests += cost.Requests;
        state.UsedTokens += cost.Tokens;
        state.RequestSlots[slot] += cost.Requests;
        state.TokenSlots[slot] += cost.Tokens;
        if (cost.Leases != 0)
        {
            state.ActiveLeases += cost.Leases;
            state.LeaseSlots[leaseSlot] += cost.Leases;
        }
    }

    /// <summary>
    /// The earliest time at which <paramref name="cost"/> fits under <paramref name="limits"/> in a ring standing at
    /// (<see cref="LedgerState.Bucket"/>, <see cref="LedgerState.LeaseBucket"/>), if nothing else is admitted: usage
    /// slots leave oldest first, leases expire earliest first. Also which limit binds longest.
    /// </summary>
    public (DateTimeOffset RetryAt, QuotaLimitKind Kind) WhenItFits(LedgerState rolled, ScopeLimits limits, ItemCost cost)
    {
        var retryAt = DateTimeOffset.MinValue;
        var kind = QuotaLimitKind.RequestsPerMinute;
        var requestsLeave = LastBucketToLeave(rolled, rolled.RequestSlots, rolled.UsedRequests, cost.Requests, limits.RequestsPerMinute);
        var tokensLeave = LastBucketToLeave(rolled, rolled.TokenSlots, rolled.UsedTokens, cost.Tokens, limits.TokensPerMinute);
        if (requestsLeave is not null || tokensLeave is not null)
        {
            var last = Math.Max(requestsLeave ?? long.MinValue, tokensLeave ?? long.MinValue);
            kind = requestsLeave == last ? QuotaLimitKind.RequestsPerMinute : QuotaLimitKind.TokensPerMinute;
            // Bucket `last` leaves the window when the ring reaches last + WindowSlots.
            retryAt = BucketStart(last + WindowSlots);
        }

        if (limits.ConcurrentRequests is { } concurrency && cost.Leases > 0 && rolled.LeaseSlots.Length > 0 && rolled.ActiveLeases + cost.Leases > concurrency)
        {
            var active = rolled.ActiveLeases;
            var expiry = rolled.LeaseBucket + 1;
            for (; expiry < rolled.LeaseBucket + LeaseSlots; expiry++)
            {
                active -= rolled.LeaseSlots[LeaseSlot(expiry)];
                if (active + cost.Leases <= concurrency)
                {
                    break;
                }
            }

            var leaseRetry = LeaseBucketStart(expiry);
            if (leaseRetry > retryAt)
            {
                retryAt = leaseRetry;
                kind = QuotaLimitKind.ConcurrentRequests;
            }
        }

        return (retryAt, kind);
    }

    /// <summary>Null when the cost already fits; else the newest bucket that must leave the window before it does.</summary>
    private long? LastBucketToLeave(LedgerState rolled, long[] slots, long used, long cost, long? limit)
    {
        if (Fits(used, cost, limit))
        {
            return null;
        }

        for (var b = rolled.Bucket - WindowSlots + 1; b < rolled.Bucket; b++)
        {
            used -= slots[Slot(b)];
            if (Fits(used, cost, limit))
            {
                return b;
            }
        }

        return rolled.Bucket;
    }

    public static bool FitsAll(LedgerState rolled, ScopeLimits limits, ItemCost cost)
        => Fits(rolled.UsedRequests, cost.Requests, limits.RequestsPerMinute)
        && Fits(rolled.UsedTokens, cost.Tokens, limits.TokensPerMinute)
        && (cost.Leases <= 0 || Fits(rolled.ActiveLeases, cost.Leases, limits.ConcurrentRequests));

    private static bool Fits(long used, long cost, long? limit) => limit is not { } max || used + cost <= max;

    /// <summary>The item's rings are this ledger's (a lease ring only where one is needed or already present).</summary>
    public bool HasShape(LedgerState state, bool needsLeaseRing = false)
        => state.RequestSlots.Length == WindowSlots
        && state.TokenSlots.Length == WindowSlots
        && (state.LeaseSlots.Length == LeaseSlots || (state.LeaseSlots.Length == 0 && !needsLeaseRing && state.ActiveLeases == 0));

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static long CeilDiv(long a, long b) => -FloorDiv(-a, b);

    private static long Mod(long a, long m) => ((a % m) + m) % m;
}
