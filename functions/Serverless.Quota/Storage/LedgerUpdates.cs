namespace Serverless.Quota.Storage;

/// <summary>
/// The admission write (the fast path): applied only if the item exists, its usage clock equals the caller's
/// <see cref="Bucket"/> and every limited sum leaves room for the cost (<c>UsedRequests &lt;= MaxUsedRequestsBefore</c>,
/// etc., the maxima being limit - cost, computed by the caller because a condition cannot do arithmetic). The lease part
/// (the lease clock equals <see cref="LeaseBucket"/>, the item has a lease ring, <c>ActiveLeases &lt;=
/// MaxActiveLeasesBefore</c>) applies only when <see cref="LeaseCost"/> is not zero. Effect: add the costs to the sums
/// and to their slots. It neither sets the TTL nor bumps the version: the rollover or creation that put the item at this
/// bucket already set the TTL for it, and rollovers must not fail because of concurrent admissions. Costs may be negative: the ledger takes back a caller item's admission (when the
/// model item then refused) with the same write, negated costs and maxima of <see cref="long.MaxValue"/>.
/// </summary>
public sealed record AdmitUpdate(
    long Bucket,
    int Slot,
    long RequestCost,
    long TokenCost,
    long MaxUsedRequestsBefore,
    long MaxUsedTokensBefore,
    long LeaseBucket,
    int LeaseSlot,
    long LeaseCost,
    long MaxActiveLeasesBefore);

/// <summary>
/// A rollover, with an admission in the same write: moves the item's rings from the clocks the ledger saw
/// (<see cref="FromBucket"/>, <see cref="FromLeaseBucket"/>) to <see cref="NewState"/>'s. Applied only if both clocks
/// and <see cref="ExpectedVersion"/> still hold, the lease ring still equals <see cref="ExpectedLeaseSlots"/>
/// (when the roll rewrites it), the slot of <see cref="FromBucket"/> still holds <see cref="FromSlotRequests"/> and
/// <see cref="FromSlotTokens"/> (tokens without settlements' <see cref="LedgerState.TokenAdjustments"/>) when the roll
/// moves more than one bucket, and the live sums are within the maxima (limit - delta).
/// Effect: the usage slots (when the usage clock moves) and <see cref="LedgerState.TokenAdjustments"/> take
/// <see cref="NewState"/>'s values (the adjustments of <see cref="FoldedAdjustments"/> are now in the ring), except the slot of <see cref="FromBucket"/> when the roll moves exactly one bucket;
/// the lease ring takes <see cref="NewState"/>'s when <see cref="ExpectedLeaseSlots"/> is given (DynamoDB cannot
/// update two elements of one list in one write, so the ring is rewritten whole); the deltas are added to the live sums; clocks and TTL are set; the version is bumped.
/// Admissions do not bump the version: those that land meanwhile at <see cref="FromBucket"/> only add to its slot
/// (kept) and to the sums (the roll adds deltas), so they do not make it fail.
/// </summary>
public sealed record RollUpdate(
    long FromBucket,
    long FromLeaseBucket,
    long ExpectedVersion,
    LedgerState NewState,
    long FromSlotRequests,
    long FromSlotTokens,
    long RequestDelta,
    long TokenDelta,
    long LeaseDelta,
    long MaxUsedRequestsBefore,
    long MaxUsedTokensBefore,
    long MaxActiveLeasesBefore,
    long[]? ExpectedLeaseSlots,
    IReadOnlyCollection<int> FoldedAdjustments)
{
    /// <summary>The roll moves exactly one bucket: the slot of <see cref="FromBucket"/> keeps what admissions add to it meanwhile.</summary>
    public bool KeepsFromSlot => NewState.Bucket == FromBucket + 1;

    /// <summary>The roll moves more than one bucket: the slot of <see cref="FromBucket"/> is rewritten, so it must hold what the ledger saw.</summary>
    public bool PinsFromSlot => NewState.Bucket > FromBucket + 1;
}

/// <summary>
/// Rewrites the whole item (first use, or an item of another ring shape): applied only if the item does not exist yet
/// (<see cref="ExpectedVersion"/> null), or if its version equals <see cref="ExpectedVersion"/> and it still holds what
/// <see cref="Seen"/> holds (clocks and sums: admissions do not bump the version; they change the sums). The caller
/// computed <see cref="NewState"/> (version included) from the state a failed write returned.
/// </summary>
public sealed record ReplaceUpdate(long? ExpectedVersion, LedgerState NewState)
{
    /// <summary>The state <see cref="NewState"/> was computed from; required with <see cref="ExpectedVersion"/>.</summary>
    public LedgerState? Seen { get; init; }
}

/// <summary>
/// Settlement: moves <see cref="TokenDelta"/> (negative refunds a reservation, positive charges usage beyond it) into
/// the token slot of the bucket it was reserved in (also recorded in <see cref="LedgerState.TokenAdjustments"/>), and
/// releases a lease (<see cref="LeaseDelta"/> = -1) from its expiry slot. Each part applies only while its slot still holds what it adjusts: the token part while
/// <c>Bucket &lt;= MaxBucketForTokens</c> (the reservation's bucket has not left the window), the lease part while
/// <c>LeaseBucket &lt; LeaseExpiryBucket</c> (the lease has not expired). Both parts are one write with both
/// conditions; when one fails the caller retries with only the part that still applies. Bumps the version (so a
/// rollover computed before it fails instead of overwriting it).
/// A part with a zero delta is absent (its slot is null).
/// </summary>
public sealed record AdjustUpdate(
    int? TokenSlot,
    long TokenDelta,
    long MaxBucketForTokens,
    int? LeaseSlot,
    long LeaseDelta,
    long LeaseExpiryBucket);

/// <summary>
/// A write's outcome. When the condition failed, <see cref="Current"/> is the item as the store holds it (null when
/// there is no item): DynamoDB returns it with the failure (ReturnValuesOnConditionCheckFailure = ALL_OLD), so the
/// ledger learns the state without a read. When applied, <see cref="Current"/> may be null; a store that returns the
/// new item (DynamoDB: ReturnValues = ALL_NEW, no extra call) lets the ledger roll a stale ring over in one write
/// instead of a failed fast path plus a Replace.
/// </summary>
public readonly record struct UpdateOutcome(bool Applied, LedgerState? Current);
