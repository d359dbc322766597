using Serverless.Quota.Tokens;

namespace Serverless.Functions.Gating;

/// <summary>What one Bedrock call asks of the quota ledger.</summary>
/// <param name="ModelId">The model or inference profile the call names.</param>
/// <param name="CallerId">The caller, for its sub-limit (see CallerIdentity).</param>
/// <param name="MaxOutputTokens">The call's maxTokens (the request's, or the model's configured default).</param>
/// <param name="EstimateBody">The body input tokens are estimated from (its length; for CountTokens, its content).</param>
/// <param name="Kind">Which CountTokens input <paramref name="EstimateBody"/> is.</param>
internal sealed record GateRequest(string ModelId, string CallerId, int MaxOutputTokens, ReadOnlyMemory<byte> EstimateBody, CountTokensInputKind Kind);
