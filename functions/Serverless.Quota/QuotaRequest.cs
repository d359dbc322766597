namespace Serverless.Quota;

/// <summary>What a call will cost at most: one request, its input tokens, and its output limit.</summary>
/// <param name="ModelId">The model id or inference profile id the call names (each has its own quota, as in Bedrock).</param>
/// <param name="InputTokens">Input tokens: from CountTokens where the model supports it, else an estimate.</param>
/// <param name="MaxOutputTokens">The call's maxTokens; reserved × the model's output burndown.</param>
/// <param name="CallerId">API key, IAM principal or tenant with its own sub-limit under the model's quota; null for none.</param>
/// <param name="LeaseDuration">How long the concurrency slot may be held if never released (e.g. the Lambda's remaining time); null for the configured maximum.</param>
public sealed record QuotaRequest(string ModelId, long InputTokens, int MaxOutputTokens, string? CallerId = null, TimeSpan? LeaseDuration = null);

/// <summary>What the call actually used, from Bedrock's usage figures; <see cref="None"/> when it never reached the model.</summary>
public readonly record struct ActualUsage(long InputTokens, long OutputTokens, long CacheWriteInputTokens = 0)
{
    public static ActualUsage None => default;
}
