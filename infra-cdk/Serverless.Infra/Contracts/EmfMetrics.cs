namespace Serverless.Infra.Contracts;

/// <summary>
/// The metrics the functions write in CloudWatch Embedded Metric Format and the dashboard and alarms read: one place
/// for the names (docs/deploy.md, Observability, repeats them). Namespace: <c>BedrockServerless/{environment}</c>
/// (<see cref="DeployedEnvironment.MetricsNamespace"/>); the model metrics carry the dimension <see cref="ModelDimension"/>
/// (model id or inference profile id, as in the ledger).
/// </summary>
public static class EmfMetrics
{
    public const string NamespacePrefix = "BedrockServerless/";

    public const string ModelDimension = "ModelId";

    /// <summary>Count, one per admitted request (the ledger's request reservation). Sum per minute vs requestsPerMinute.</summary>
    public const string RequestsAdmitted = "QuotaRequestsAdmitted";

    /// <summary>Count: tokens reserved at admission (input + maxTokens × burndown). Sum per minute vs tokensPerMinute.</summary>
    public const string TokensReserved = "QuotaTokensReserved";

    /// <summary>Count: tokens charged at settlement (input + cache writes + output × burndown).</summary>
    public const string TokensSettled = "QuotaTokensSettled";

    /// <summary>Count: requests refused with 429 because the quota was used up.</summary>
    public const string Refused = "QuotaRefused";

    /// <summary>Count: requests refused with 503 because the ledger's table did not answer (fail closed).</summary>
    public const string StoreUnavailable = "QuotaStoreUnavailable";

    /// <summary>Count per batch summary: records that ended failed after every retry.</summary>
    public const string BatchRecordsFailed = "BatchRecordsFailed";

    /// <summary>Count per batch summary: records that succeeded (batch or on demand).</summary>
    public const string BatchRecordsSucceeded = "BatchRecordsSucceeded";

    public static string Namespace(string environmentName) => NamespacePrefix + environmentName;
}
