namespace Serverless.Quota.Storage.DynamoDb;

/// <summary>
/// Where the ledger table is and how long one store call may take. Every call ends within <see cref="Deadline"/>:
/// each attempt is cut at <see cref="AttemptTimeout"/>, throttling and transient errors are retried after a random
/// delay of up to <c>min(MaxRetryDelay, BaseRetryDelay × 2^attempt)</c> ("full jitter", so that many Lambdas throttled
/// together do not retry together), and when the deadline would pass the call fails with
/// <see cref="QuotaStoreUnavailableException"/>.
/// </summary>
public sealed class DynamoDbQuotaStoreOptions
{
    /// <summary>The ledger table (created by the CDK app; <see cref="QuotaTableDefinition"/> for tests).</summary>
    public string TableName { get; set; } = string.Empty;

    /// <summary>The whole call, retries included. An admission waits at most this long for its store.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>One request. A healthy in-region UpdateItem answers in single-digit milliseconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The cap of the first retry's random delay; doubles per attempt.</summary>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>No retry delay is longer than this.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMilliseconds(400);

    /// <summary>
    /// Return the item with every applied admission (ReturnValues = ALL_NEW). Off by default: it costs DynamoDB
    /// (Local, measured) a few percent of an admission's latency, and the ledger does not need it — it remembers the
    /// item from its last rollover and adds its own admissions, which is all a rollover needs (its condition pins the
    /// rest), so when its clock shows the ring is stale it sends the rollover straight away either way. Settlements
    /// and rollovers always return the item.
    /// </summary>
    public bool ReturnItemOnSuccess { get; set; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(TableName))
        {
            throw new ArgumentException("DynamoDbQuotaStoreOptions.TableName is required: the name of the quota ledger table.", nameof(TableName));
        }

        RequirePositive(Deadline, nameof(Deadline));
        RequirePositive(AttemptTimeout, nameof(AttemptTimeout));
        if (BaseRetryDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"DynamoDbQuotaStoreOptions.BaseRetryDelay must not be negative (was {BaseRetryDelay}).", nameof(BaseRetryDelay));
        }

        if (MaxRetryDelay < BaseRetryDelay)
        {
            throw new ArgumentException($"DynamoDbQuotaStoreOptions.MaxRetryDelay ({MaxRetryDelay}) must not be below BaseRetryDelay ({BaseRetryDelay}).", nameof(MaxRetryDelay));
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"DynamoDbQuotaStoreOptions.{name} must be positive (was {value}).", name);
        }
    }
}
