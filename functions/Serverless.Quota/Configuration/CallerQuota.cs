namespace Serverless.Quota;

/// <summary>
/// A caller's sub-limit (API key, IAM principal or tenant) under a model's quota. The most specific rule applies:
/// this caller under this model, then this caller under every model, then the default for callers under this model,
/// then the default for callers under every model. A rule for every model still counts each model separately.
/// </summary>
public sealed record CallerQuota
{
    /// <summary>The caller the rule names; null makes it the default for every caller without a rule of its own.</summary>
    public string? CallerId { get; set; }

    /// <summary>The model id or inference profile id the rule applies under; null for every configured model.</summary>
    public string? ModelId { get; set; }

    public long? RequestsPerMinute { get; set; }

    public long? TokensPerMinute { get; set; }

    public int? ConcurrentRequests { get; set; }
}
