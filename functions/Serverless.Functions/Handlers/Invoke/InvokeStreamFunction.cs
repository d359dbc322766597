using Serverless.Bedrock;
using Serverless.Bedrock.Model;
using Serverless.Bedrock.Validation;
using Serverless.Functions.Http;
using Serverless.Functions.Gating;
using Serverless.Functions.Requests;
using Serverless.Functions.Routing;
using Serverless.Functions.Streaming;
using Serverless.Quota.Tokens;

namespace Serverless.Functions.Handlers.Invoke;

/// <summary>
/// POST /v1/invoke-stream/{modelId}: InvokeModelWithResponseStream relayed chunk by chunk as it arrives, each chunk's
/// model-native JSON as one <c>chunk</c> event. Bedrock's X-Amzn-Bedrock-Accept header is passed through; the
/// response format (SSE or NDJSON) follows the caller's Accept header or <c>?format=</c>.
/// </summary>
internal sealed class InvokeStreamFunction(FunctionServices services, int routeLimit) : StreamingFunction
{
    internal override async ValueTask ExecuteAsync(HttpApiRequest request, IHttpResponseStream response, StreamEventWriter events,
        FunctionContext context, CancellationToken cancellationToken)
    {
        var call = NativeInvocation.Read(request, FunctionNames.InvokeStream, routeLimit, services.Configuration, services.Gate);
        var bedrockRequest = new InvokeModelWithResponseStreamRequest
        {
            ModelId = call.ModelId,
            Body = call.Body,
            ContentType = call.ContentType,
            Accept = request.Header("x-amzn-bedrock-accept"),
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

        // The response starts with the first chunk, so an error Bedrock answers before any chunk keeps its own status.
        try
        {
            await RelayAsync(services.Bedrock.InvokeModelWithResponseStreamAsync(bedrockRequest, cancellationToken), response, events, admission, cancellationToken).ConfigureAwait(false);
        }
        catch (BedrockException) when (!response.HasStarted)
        {
            admission.RefusedByBedrock();
            throw;
        }

        if (!response.HasStarted)
        {
            await events.StartAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task RelayAsync(IAsyncEnumerable<PayloadPart> parts, IHttpResponseStream response, StreamEventWriter events,
        Admission admission, CancellationToken cancellationToken)
    {
        await foreach (var part in parts.ConfigureAwait(false))
        {
            if (!response.HasStarted)
            {
                await events.StartAsync(response, cancellationToken).ConfigureAwait(false);
            }

            var chunk = part.Bytes ?? [];
            if (chunk.Length == 0)
            {
                continue;
            }

            await events.WriteEventAsync("chunk", chunk, cancellationToken).ConfigureAwait(false);
            if (InvocationMetrics.TryRead(chunk, out var usage))
            {
                admission.Complete(usage);
            }
        }
    }
}
