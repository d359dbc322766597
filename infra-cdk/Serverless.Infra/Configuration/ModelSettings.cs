using System.Text.Json.Nodes;

namespace Serverless.Infra.Configuration;

/// <summary>
/// One model id or inference profile id the API serves: its quota in the ledger's own format (<c>quota</c>, a
/// Serverless.Quota ModelQuota), what the functions need to know about it (<c>capabilities</c>, a
/// Serverless.Functions ModelCapabilities), its batch job quota, and — for a cross-Region inference profile — the
/// foundation model and the Regions the profile routes to (IAM must name the model in each of them).
/// </summary>
public sealed record ModelSettings
{
    public required string Id { get; init; }

    /// <summary>The ledger's ModelQuota JSON (requestsPerMinute, tokensPerMinute, concurrentRequests, outputTokenBurndown, shards, ...).</summary>
    public JsonObject Quota { get; init; } = [];

    /// <summary>The functions' ModelCapabilities JSON (defaultMaxTokens, structuredOutput, countTokens).</summary>
    public JsonObject Capabilities { get; init; } = [];

    /// <summary>Bedrock's "batch inference jobs (submitted + in progress)" quota for this model; the batch workflow's job slots.</summary>
    public int BatchJobs { get; init; } = 10;

    /// <summary>Set when <see cref="Id"/> is a cross-Region (system-defined) inference profile.</summary>
    public InferenceProfileSettings? InferenceProfile { get; init; }

    /// <summary>Whether the functions may call Bedrock's CountTokens for this model (capabilities.countTokens).</summary>
    public bool CountsTokens => Capabilities["countTokens"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;
}

/// <param name="FoundationModel">The model the profile routes to, e.g. <c>anthropic.claude-sonnet-4-5-20250929-v1:0</c>.</param>
/// <param name="Regions">The profile's destination Regions (Bedrock's "Supported cross-Region inference profiles" table).</param>
public sealed record InferenceProfileSettings(string FoundationModel, IReadOnlyList<string> Regions);
