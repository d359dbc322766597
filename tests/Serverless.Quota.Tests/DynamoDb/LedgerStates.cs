using Serverless.Quota.Storage;

namespace Serverless.Quota.Tests.DynamoDb;

/// <summary>
/// Ledger states and updates for store-level tests (the ledger computes these in production). TTLs lie years ahead:
/// DynamoDB Local deletes items whose TTL has passed by the real clock.
/// </summary>
internal static class LedgerStates
{
    public const int WindowSlots = 61;
    public const int LeaseSlots = 92;

    public static LedgerState Empty(long bucket, long leaseBucket, long version = 1, bool leaseRing = true) => new()
    {
        Version = version,
        Bucket = bucket,
        RequestSlots = new long[WindowSlots],
        TokenSlots = new long[WindowSlots],
        LeaseBucket = leaseRing ? leaseBucket : 0,
        LeaseSlots = leaseRing ? new long[LeaseSlots] : [],
        ExpiresAtEpochSeconds = 2_000_000_000,
    };

    public static int Slot(long bucket) => (int)(bucket % WindowSlots);

    public static int LeaseSlot(long leaseBucket) => (int)(leaseBucket % LeaseSlots);

    /// <summary>One admission of <paramref name="tokens"/> with a lease, against limits of the given sizes.</summary>
    public static AdmitUpdate Admission(long bucket, long leaseBucket, long tokens, long rpm = 100, long tpm = 100_000, long concurrency = 10)
        => new(
            Bucket: bucket,
            Slot: (int)(bucket % WindowSlots),
            RequestCost: 1,
            TokenCost: tokens,
            MaxUsedRequestsBefore: rpm - 1,
            MaxUsedTokensBefore: tpm - tokens,
            LeaseBucket: leaseBucket,
            LeaseSlot: (int)((leaseBucket + 3) % LeaseSlots),
            LeaseCost: 1,
            MaxActiveLeasesBefore: concurrency - 1);
}
