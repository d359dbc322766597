using Serverless.Functions.Configuration;
using Serverless.Functions.Errors;
using Serverless.Functions.Metrics;
using Serverless.Quota;
using Serverless.Quota.Tokens;

namespace Serverless.Functions.Gating;

/// <summary>
/// Every Bedrock call passes here first: the model must have a quota, input tokens are estimated (CountTokens where
/// configured), and the ledger reserves 1 request, input + maxTokens × burndown, and a concurrency lease until the
/// invocation's deadline. Refused → 429 with Retry-After; store unavailable → 503 (fail-closed); nothing is sent then.
/// Each outcome (admitted, refused, store unavailable, and later the settlement) is written as an EMF metric line.
/// </summary>
internal sealed class QuotaGate(IQuotaLedger ledger, ITokenEstimator estimator, FunctionsConfiguration configuration, TimeProvider time, EmfMetricsWriter metrics)
{
    /// <summary>A lease shorter than this would expire while the call still runs (the lease ring is coarse anyway).</summary>
    private static readonly TimeSpan MinimumLease = TimeSpan.FromSeconds(1);

    public IQuotaLedger Ledger => ledger;

    /// <exception cref="FunctionException">Unknown model (404), refused (429), store unavailable (503), or a request no quota could ever admit (400).</exception>
    public async ValueTask<Admission> AdmitAsync(GateRequest request, FunctionContext context, CancellationToken cancellationToken)
    {
        RequireKnownModel(request.ModelId);
        var characters = request.EstimateBody.Length;
        var inputTokens = await estimator.EstimateInputTokensAsync(
            new TokenEstimateRequest(request.ModelId, characters, request.EstimateBody, request.Kind), cancellationToken).ConfigureAwait(false);
        var lease = context.RemainingTime(time);
        var quotaRequest = new QuotaRequest(request.ModelId, inputTokens, request.MaxOutputTokens, request.CallerId, lease < MinimumLease ? MinimumLease : lease);

        QuotaDecision decision;
        try
        {
            decision = await ledger.TryReserveAsync(quotaRequest, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            throw FunctionException.BadRequest("maxTokens",
                $"with the input (about {inputTokens} tokens) this call needs more tokens than the tokens-per-minute quota of '{request.ModelId}' admits in one request; lower maxTokens or shorten the input");
        }

        if (decision.Reservation is { } reservation)
        {
            metrics.Write(request.ModelId,
                new EmfMetric(QuotaMetricNames.RequestsAdmitted, 1),
                new EmfMetric(QuotaMetricNames.TokensReserved, reservation.ReservedTokens));
            return new Admission(ledger, reservation, inputTokens, request.MaxOutputTokens,
                actual => estimator.Observe(request.ModelId, characters, actual), metrics);
        }

        if (decision.StoreUnavailable)
        {
            // No ModelId: an unreachable table affects every model alike, and the alarm reads it account-wide.
            metrics.WriteWithoutDimensions(new EmfMetric(QuotaMetricNames.StoreUnavailable, 1));
            throw new FunctionException(new FunctionError(503, ErrorCodes.QuotaUnavailable,
                "The quota ledger could not decide (its store is unavailable); nothing was sent to Bedrock.", true, decision.RetryAfter));
        }

        metrics.Write(request.ModelId, new EmfMetric(QuotaMetricNames.Refused, 1));
        throw new FunctionException(new FunctionError(429, ErrorCodes.QuotaExceeded,
            decision.Reason ?? $"The quota of '{request.ModelId}' has no room for this request.", true, decision.RetryAfter));
    }

    public void RequireKnownModel(string modelId) => RequireKnownModel(configuration, modelId);

    /// <summary>For routes that make no model call (batch): the check without building the ledger.</summary>
    public static void RequireKnownModel(FunctionsConfiguration configuration, string modelId)
    {
        if (!configuration.IsKnownModel(modelId))
        {
            throw new FunctionException(FunctionError.NotFound(ErrorCodes.UnknownModel, $"modelId: '{modelId}' is not a model this API serves"));
        }
    }
}
