using System.Text.Json;

namespace Serverless.LocalBedrock.Jobs.Contracts;

/// <summary>
/// Runs one model invocation in the model's native InvokeModel body format, outside the on-demand quota
/// (batch inference and async invoke do not draw on it). The local Bedrock's generator implements this;
/// the jobs engine uses it for every batch record and async invocation.
/// </summary>
public interface IModelInvoker
{
    /// <summary>True when the local Bedrock knows the model id (or inference profile id).</summary>
    bool IsKnownModel(string modelId);

    /// <summary>Invokes the model on one native request body. Never throws for bad input: the error comes back in the result.</summary>
    ValueTask<ModelInvocationResult> InvokeAsync(string modelId, JsonElement modelInput, CancellationToken cancellationToken);
}

/// <summary>One invocation's outcome: either <see cref="ModelOutput"/> or an error (code and message), plus token counts.</summary>
/// <param name="ModelOutput">The native response body, as InvokeModel would return it; null on error.</param>
/// <param name="InputTokens">Input tokens counted (0 on error before counting).</param>
/// <param name="OutputTokens">Output tokens generated.</param>
/// <param name="ErrorCode">HTTP-like status of the failure (400 for a bad record, 500 for a model error); null on success.</param>
/// <param name="ErrorMessage">What went wrong; null on success.</param>
public sealed record ModelInvocationResult(JsonElement? ModelOutput, int InputTokens, int OutputTokens, int? ErrorCode, string? ErrorMessage)
{
    public bool Succeeded => ErrorCode is null;
}
