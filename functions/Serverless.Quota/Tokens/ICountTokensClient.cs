namespace Serverless.Quota.Tokens;

/// <summary>
/// Bedrock's CountTokens, as the functions implement it with their Bedrock client (this project does not reference
/// the client). Exact and free, but a network call, and only some models support it.
/// </summary>
public interface ICountTokensClient
{
    /// <summary>Whether CountTokens answers for this model id.</summary>
    bool Supports(string modelId);

    ValueTask<long> CountTokensAsync(string modelId, CountTokensInputKind kind, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
}
