namespace Serverless.Functions.Metrics;

/// <summary>
/// The metric names the quota gate writes. The CDK app's alarms and dashboard read the same names
/// (infra-cdk Serverless.Infra/Contracts/EmfMetrics.cs); a rename must change both.
/// </summary>
public static class QuotaMetricNames
{
    public const string ModelDimension = "ModelId";

    /// <summary>1 per admitted request.</summary>
    public const string RequestsAdmitted = "QuotaRequestsAdmitted";

    /// <summary>Tokens reserved at admission: input + maxTokens × burndown.</summary>
    public const string TokensReserved = "QuotaTokensReserved";

    /// <summary>Tokens charged at settlement: input + cache writes + output × burndown.</summary>
    public const string TokensSettled = "QuotaTokensSettled";

    /// <summary>1 per request refused with 429.</summary>
    public const string Refused = "QuotaRefused";

    /// <summary>1 per request refused with 503 because the ledger's store did not answer.</summary>
    public const string StoreUnavailable = "QuotaStoreUnavailable";
}
