namespace Serverless.Quota.Ledger;

/// <summary>How one item answered an admission: admitted at these clocks, refused until a time, or too contended to decide.</summary>
internal readonly record struct ItemResult(
    bool Admitted,
    long Bucket,
    long LeaseBucket,
    long? LeaseExpiryBucket,
    QuotaLimitKind RefusedBy,
    DateTimeOffset RetryAt,
    bool Contended)
{
    public static ItemResult Admit(long bucket, long leaseBucket, long? leaseExpiryBucket) => new(true, bucket, leaseBucket, leaseExpiryBucket, default, default, false);

    public static ItemResult Refuse(QuotaLimitKind kind, DateTimeOffset retryAt) => new(false, 0, 0, null, kind, retryAt, false);

    public static ItemResult Contention(DateTimeOffset retryAt) => new(false, 0, 0, null, default, retryAt, true);
}
