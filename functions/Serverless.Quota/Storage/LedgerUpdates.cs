namespace Serverless.Quota.Storage;

/// <summary>
/// The admission write: applied only if the item exists, both ring clocks equal the caller's
/// (<see cref="Bucket"/>, <see cref="LeaseBucket"/>) and every sum leaves room for the cost
/// (<c>UsedRequests &lt;= MaxUsedRequestsBefore</c>, etc., the maxima being limit - cost, computed by the caller
/// because a condition cannot do arithmetic). Effect: add the costs to the sums and to their slots, bump the
/// version, set the TTL to <see cref="ExpiresAtEpochSeconds"/>. A plain set, because a DynamoDB update expression
/// has no max(): the ledger derives the value from the ring clocks the condition pins, so it never goes down.
/// Costs may be negative: the ledger takes back a caller item's admission (when the model item then refused) with
/// the same write, negated costs and maxima of <see cref="long.MaxValue"/>.
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
    long MaxActiveLeasesBefore,
    long ExpiresAtEpochSeconds);

/// <summary>
/// Rewrites the whole item (first use, rollover, or a rollover combined with an admission): applied only if the
/// item's version equals <see cref="ExpectedVersion"/>, or, when it is null, if the item does not exist yet.
/// The caller computed <see cref="NewState"/> (version included) from the state a failed write returned.
/// </summary>
public sealed record ReplaceUpdate(long? ExpectedVersion, LedgerState NewState);

/// <summary>
/// Settlement: moves <see cref="TokenDelta"/> (negative refunds a reservation, positive charges usage beyond it) into
/// the token slot of the bucket it was reserved in, and releases a lease (<see cref="LeaseDelta"/> = -1) from its expiry
/// slot. Each part applies only while its slot still holds what it adjusts: the token part while
/// <c>Bucket &lt;= MaxBucketForTokens</c> (the reservation's bucket has not left the window), the lease part while
/// <c>LeaseBucket &lt; LeaseExpiryBucket</c> (the lease has not expired). Both parts are one write with both
/// conditions; when one fails the caller retries with only the part that still applies. Bumps the version.
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
