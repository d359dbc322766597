using System.Globalization;
using Serverless.Bedrock;
using Serverless.Bedrock.Model;
using Serverless.Bedrock.Validation;
using Serverless.Functions.Http;
using Serverless.Functions.Gating;
using Serverless.Functions.Requests;
using Serverless.Functions.Routing;
using Serverless.Quota;
using Serverless.Quota.Tokens;

namespace Serverless.Functions.Handlers.Invoke;

/// <summary>POST /v1/invoke/{modelId}: InvokeModel with the model-native body passed through both ways.</summary>
internal sealed class InvokeFunction(FunctionServices services, int routeLimit) : BufferedFunction
{
    protected override async ValueTask<HttpApiResponse> ExecuteAsync(HttpApiRequest request, FunctionContext context, CancellationToken cancellationToken)
    {
        var call = NativeInvocation.Read(request, FunctionNames.Invoke, routeLimit, services.Configuration, services.Gate);
        var bedrockRequest = new InvokeModelRequest
        {
            ModelId = call.ModelId,
            Body = call.Body,
            ContentType = call.ContentType,
            Accept = request.Header("accept") is { } accept && accept != "*/*" ? accept : null,
            Trace = call.Trace,
            GuardrailIdentifier = call.GuardrailIdentifier,
            GuardrailVersion = call.GuardrailVersion,
            PerformanceConfigLatency = call.PerformanceConfigLatency,
            ServiceTier = call.ServiceTier,
        };
        InvokeValidator.Validate(bedrockRequest);

        var caller = CallerIdentity.Resolve(request);
        await using var admission = await services.Gate.AdmitAsync(
            new GateRequest(call.ModelId, caller, call.MaxOutputTokens, call.Body, CountTokensInputKind.InvokeModel), context, cancellationToken).ConfigureAwait(false);
        InvokeModelResponse response;
        try
        {
            response = await services.Bedrock.InvokeModelAsync(bedrockRequest, cancellationToken).ConfigureAwait(false);
        }
        catch (BedrockException)
        {
            admission.RefusedByBedrock();
            throw;
        }

        // Without usage headers the whole reservation stays charged: the model may have used its whole output limit.
        if (response.InputTokenCount is { } input && response.OutputTokenCount is { } output)
        {
            admission.Complete(new ActualUsage(input, output));
        }

        var result = HttpApiResponse.Bytes(200, response.Body.Span, string.IsNullOrEmpty(response.ContentType) ? ContentTypes.Json : response.ContentType);
        AddHeader(result, "x-amzn-bedrock-input-token-count", response.InputTokenCount);
        AddHeader(result, "x-amzn-bedrock-output-token-count", response.OutputTokenCount);
        if (response.PerformanceConfigLatency is { } latency)
        {
            result.WithHeader("x-amzn-bedrock-performanceconfig-latency", latency);
        }

        if (response.ServiceTier is { } tier)
        {
            result.WithHeader("x-amzn-bedrock-service-tier", tier);
        }

        return result;
    }

    private static void AddHeader(HttpApiResponse response, string name, int? value)
    {
        if (value is { } number)
        {
            response.WithHeader(name, number.ToString(CultureInfo.InvariantCulture));
        }
    }
}
