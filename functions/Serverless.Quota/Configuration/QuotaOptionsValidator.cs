namespace Serverless.Quota;

/// <summary>Checks options up front so a bad figure fails at startup with the field's name, not as a wrong decision later.</summary>
internal static class QuotaOptionsValidator
{
    public static void Validate(QuotaLedgerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Models is null)
        {
            throw Invalid("Models", "is required");
        }

        foreach (var (modelId, quota) in options.Models)
        {
            var field = $"Models[\"{modelId}\"]";
            if (string.IsNullOrWhiteSpace(modelId))
            {
                throw Invalid("Models", "has an empty model id");
            }

            if (quota is null)
            {
                throw Invalid(field, "is null");
            }

            Limit($"{field}.RequestsPerMinute", quota.RequestsPerMinute);
            Limit($"{field}.TokensPerMinute", quota.TokensPerMinute);
            Limit($"{field}.ConcurrentRequests", quota.ConcurrentRequests);
            if (quota.OutputTokenBurndown < 1)
            {
                throw Invalid($"{field}.OutputTokenBurndown", $"must be at least 1 (was {quota.OutputTokenBurndown})");
            }

            if (quota.Shards < 1)
            {
                throw Invalid($"{field}.Shards", $"must be at least 1 (was {quota.Shards})");
            }

            ShardsFit(field, "RequestsPerMinute", quota.RequestsPerMinute, quota.Shards);
            ShardsFit(field, "TokensPerMinute", quota.TokensPerMinute, quota.Shards);
            ShardsFit(field, "ConcurrentRequests", quota.ConcurrentRequests, quota.Shards);
        }

        ValidateCallers(options);
        Positive("BucketWidth", options.BucketWidth);
        Positive("LeaseBucketWidth", options.LeaseBucketWidth);
        Positive("MaxLeaseDuration", options.MaxLeaseDuration);
        if (options.WindowPadding < TimeSpan.Zero)
        {
            throw Invalid("WindowPadding", $"must not be negative (was {options.WindowPadding})");
        }

        if (options.BucketWidth > TimeSpan.FromSeconds(60))
        {
            throw Invalid("BucketWidth", $"must be at most 60 seconds (was {options.BucketWidth})");
        }

        if (options.MaxLeaseDuration / options.LeaseBucketWidth > 10_000)
        {
            throw Invalid("LeaseBucketWidth", "is too small for MaxLeaseDuration (more than 10,000 lease slots per item)");
        }

        if (options.StoreDeadline != Timeout.InfiniteTimeSpan && options.StoreDeadline <= TimeSpan.Zero)
        {
            throw Invalid("StoreDeadline", $"must be positive or Timeout.InfiniteTimeSpan (was {options.StoreDeadline})");
        }

        if (options.MaxAttemptsPerItem < 2)
        {
            throw Invalid("MaxAttemptsPerItem", $"must be at least 2 (was {options.MaxAttemptsPerItem})");
        }

        if (options.WaitJitter < TimeSpan.Zero)
        {
            throw Invalid("WaitJitter", $"must not be negative (was {options.WaitJitter})");
        }

        if (options.KeyPrefix is null)
        {
            throw Invalid("KeyPrefix", "must not be null (use \"\" for none)");
        }
    }

    private static void ValidateCallers(QuotaLedgerOptions options)
    {
        if (options.Callers is null)
        {
            throw Invalid("Callers", "must not be null (use [] for none)");
        }

        var seen = new HashSet<(string?, string?)>();
        for (var i = 0; i < options.Callers.Count; i++)
        {
            var rule = options.Callers[i];
            var field = $"Callers[{i}]";
            if (rule is null)
            {
                throw Invalid(field, "is null");
            }

            if (rule.CallerId is not null && string.IsNullOrWhiteSpace(rule.CallerId))
            {
                throw Invalid($"{field}.CallerId", "is empty (omit it for the default rule)");
            }

            if (rule.ModelId is not null && !options.Models.ContainsKey(rule.ModelId))
            {
                throw Invalid($"{field}.ModelId", $"names model '{rule.ModelId}', which has no quota in Models");
            }

            if (!seen.Add((rule.CallerId, rule.ModelId)))
            {
                throw Invalid(field, $"repeats the rule for caller '{rule.CallerId ?? "(default)"}' under '{rule.ModelId ?? "(every model)"}'");
            }

            Limit($"{field}.RequestsPerMinute", rule.RequestsPerMinute);
            Limit($"{field}.TokensPerMinute", rule.TokensPerMinute);
            Limit($"{field}.ConcurrentRequests", rule.ConcurrentRequests);
            if (rule.RequestsPerMinute is null && rule.TokensPerMinute is null && rule.ConcurrentRequests is null)
            {
                throw Invalid(field, "sets no limit (RequestsPerMinute, TokensPerMinute or ConcurrentRequests)");
            }
        }
    }

    private static void Limit(string field, long? value)
    {
        if (value is <= 0)
        {
            throw Invalid(field, $"must be positive when set (was {value})");
        }
    }

    private static void ShardsFit(string field, string kind, long? limit, int shards)
    {
        if (limit is { } value && value < shards)
        {
            throw Invalid($"{field}.Shards", $"is {shards}, more than {kind} ({value}): a shard would have no capacity");
        }
    }

    private static void Positive(string field, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            throw Invalid(field, $"must be positive (was {value})");
        }
    }

    private static QuotaConfigurationException Invalid(string field, string problem) => new($"Quota configuration: {field} {problem}.");
}
