namespace Serverless.Quota.Tokens;

/// <summary>
/// Exact counts from CountTokens where the model supports it (each count also calibrates the local estimate), the
/// calibrated local estimate otherwise or when CountTokens fails (a failed count must not fail the call).
/// </summary>
public sealed class CountTokensEstimator(ICountTokensClient client, CalibratedTokenEstimator fallback) : ITokenEstimator
{
    public async ValueTask<long> EstimateInputTokensAsync(TokenEstimateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.RequestBody.IsEmpty && client.Supports(request.ModelId))
        {
            try
            {
                var counted = await client.CountTokensAsync(request.ModelId, request.Kind, request.RequestBody, cancellationToken);
                fallback.Observe(request.ModelId, request.Characters, counted);
                return counted;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Fall through to the local estimate.
            }
        }

        return await fallback.EstimateInputTokensAsync(request, cancellationToken);
    }

    public void Observe(string modelId, long characters, long actualInputTokens) => fallback.Observe(modelId, characters, actualInputTokens);
}
