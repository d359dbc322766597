using System.Text.Json;
using Serverless.Functions.Configuration;
using Serverless.Functions.Errors;
using Serverless.Functions.Http;
using Serverless.Functions.Gating;
using Serverless.Functions.Requests;

namespace Serverless.Functions.Handlers.Invoke;

/// <summary>
/// An InvokeModel request as the caller sent it: the model from the path, the model-native body untouched, and
/// Bedrock's own header names (content-type, accept, X-Amzn-Bedrock-Trace, -GuardrailIdentifier, -GuardrailVersion,
/// -PerformanceConfig-Latency, -Service-Tier) passed through.
/// </summary>
internal sealed record NativeInvocation(
    string ModelId,
    ReadOnlyMemory<byte> Body,
    string ContentType,
    int MaxOutputTokens,
    string? Trace,
    string? GuardrailIdentifier,
    string? GuardrailVersion,
    string? PerformanceConfigLatency,
    string? ServiceTier)
{
    public static NativeInvocation Read(HttpApiRequest request, string functionName, int routeLimit, FunctionsConfiguration configuration, QuotaGate gate)
    {
        var modelId = RouteValues.Required(request, functionName, "modelId");
        gate.RequireKnownModel(modelId);
        var body = RequestBody.Read(request, configuration.BodyLimit(routeLimit));
        if (body.IsEmpty)
        {
            throw FunctionException.BadRequest("body", "is required (the model's native request)");
        }

        var contentType = request.Header("content-type") ?? ContentTypes.Json;
        int? maxTokens = null;
        if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            using var document = JsonBody.Parse(body);
            maxTokens = MaxTokens.FromNativeBody(document.RootElement);
        }

        return new NativeInvocation(
            modelId,
            body,
            contentType,
            maxTokens ?? configuration.DefaultMaxTokensOf(modelId),
            request.Header("x-amzn-bedrock-trace"),
            request.Header("x-amzn-bedrock-guardrailidentifier"),
            request.Header("x-amzn-bedrock-guardrailversion"),
            request.Header("x-amzn-bedrock-performanceconfig-latency"),
            request.Header("x-amzn-bedrock-service-tier"));
    }
}
