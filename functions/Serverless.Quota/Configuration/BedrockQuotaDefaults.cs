using System.Collections.Frozen;

namespace Serverless.Quota;

/// <summary>
/// Starting figures for common Bedrock models, for local runs and as a template. Bedrock's real quotas are per
/// account and per Region and change over time (new accounts get less; Service Quotas shows the applied values), so
/// production configuration must come from Service Quotas, not from here. docs/quota-ledger.md lists the sources:
/// <list type="bullet">
/// <item>the output-token burndown of 5 is from AWS's "How tokens are counted in Amazon Bedrock" page (Claude Opus 4
/// and Claude Sonnet 4 are named there; the later Claude 4.x models below are set the same way);</item>
/// <item>the requests- and tokens-per-minute figures are ILLUSTRATIVE: Bedrock's quota table ("Amazon Bedrock
/// endpoints and quotas") lists on-demand and cross-Region figures per model that differ by Region and account.</item>
/// </list>
/// Concurrency is not a Bedrock quota; it is left unset.
/// </summary>
public static class BedrockQuotaDefaults
{
    public static FrozenDictionary<string, ModelQuota> Models { get; } = new Dictionary<string, ModelQuota>(StringComparer.Ordinal)
    {
        ["anthropic.claude-opus-4-20250514-v1:0"] = new() { RequestsPerMinute = 50, TokensPerMinute = 200_000, OutputTokenBurndown = 5 },
        ["anthropic.claude-opus-4-1-20250805-v1:0"] = new() { RequestsPerMinute = 50, TokensPerMinute = 200_000, OutputTokenBurndown = 5 },
        ["anthropic.claude-sonnet-4-20250514-v1:0"] = new() { RequestsPerMinute = 200, TokensPerMinute = 200_000, OutputTokenBurndown = 5 },
        ["anthropic.claude-sonnet-4-5-20250929-v1:0"] = new() { RequestsPerMinute = 200, TokensPerMinute = 200_000, OutputTokenBurndown = 5 },
        ["anthropic.claude-haiku-4-5-20251001-v1:0"] = new() { RequestsPerMinute = 250, TokensPerMinute = 400_000, OutputTokenBurndown = 5 },
        ["anthropic.claude-3-5-haiku-20241022-v1:0"] = new() { RequestsPerMinute = 250, TokensPerMinute = 400_000, OutputTokenBurndown = 1 },
        ["anthropic.claude-3-haiku-20240307-v1:0"] = new() { RequestsPerMinute = 1_000, TokensPerMinute = 2_000_000, OutputTokenBurndown = 1 },
        ["amazon.nova-pro-v1:0"] = new() { RequestsPerMinute = 250, TokensPerMinute = 1_000_000, OutputTokenBurndown = 1 },
        ["amazon.nova-lite-v1:0"] = new() { RequestsPerMinute = 1_000, TokensPerMinute = 2_000_000, OutputTokenBurndown = 1 },
        ["amazon.nova-micro-v1:0"] = new() { RequestsPerMinute = 1_000, TokensPerMinute = 2_000_000, OutputTokenBurndown = 1 },
        ["meta.llama3-3-70b-instruct-v1:0"] = new() { RequestsPerMinute = 400, TokensPerMinute = 300_000, OutputTokenBurndown = 1 },
        ["mistral.mistral-large-2407-v1:0"] = new() { RequestsPerMinute = 100, TokensPerMinute = 200_000, OutputTokenBurndown = 1 },
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
