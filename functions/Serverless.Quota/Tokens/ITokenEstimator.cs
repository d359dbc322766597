namespace Serverless.Quota.Tokens;

/// <summary>Input tokens to reserve for a call before it is made (the ledger then settles to Bedrock's actual count).</summary>
public interface ITokenEstimator
{
    ValueTask<long> EstimateInputTokensAsync(TokenEstimateRequest request, CancellationToken cancellationToken);

    /// <summary>Feeds back a call's actual input tokens (Bedrock's usage: input + cache writes + cache reads) so estimates calibrate.</summary>
    void Observe(string modelId, long characters, long actualInputTokens);
}

/// <summary>
/// What to estimate: the characters of the prompt (all text the model reads: system, messages, tool definitions)
/// and, for exact counting, the request body as it will be sent.
/// </summary>
/// <param name="Characters">Text length the local estimate scales from.</param>
/// <param name="RequestBody">The Converse or InvokeModel body, for CountTokens; empty when not available.</param>
public sealed record TokenEstimateRequest(string ModelId, long Characters, ReadOnlyMemory<byte> RequestBody = default, CountTokensInputKind Kind = CountTokensInputKind.Converse);

/// <summary>Which CountTokens input the body is.</summary>
public enum CountTokensInputKind
{
    Converse,
    InvokeModel,
}
