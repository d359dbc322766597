using System.Text.Json;
using Serverless.Bedrock;
using Serverless.Bedrock.Json;
using Serverless.Bedrock.Model;
using Serverless.Bedrock.Validation;
using Serverless.Functions.Errors;
using Serverless.Functions.Http;
using Serverless.Functions.Json;
using Serverless.Functions.Gating;
using Serverless.Functions.Requests;
using Serverless.Quota.Tokens;

namespace Serverless.Functions.Handlers.Async;

/// <summary>
/// POST /v1/async: StartAsyncInvoke (body: Bedrock's StartAsyncInvoke request, <c>modelId</c>, <c>modelInput</c>,
/// <c>outputDataConfig</c>, optional <c>clientRequestToken</c> and <c>tags</c>); 202 with the invocation ARN and a
/// Location to poll. The token is the body's, else the Idempotency-Key header, else derived from caller and body.
/// The ledger admits it as one request without tokens: Bedrock meters asynchronous invocations under their own
/// quotas, not the on-demand tokens per minute, but the model must be configured and request limits still apply.
/// </summary>
internal sealed class AsyncStartFunction(FunctionServices services, int routeLimit) : BufferedFunction
{
    protected override async ValueTask<HttpApiResponse> ExecuteAsync(HttpApiRequest request, FunctionContext context, CancellationToken cancellationToken)
    {
        var body = RequestBody.Read(request, services.Configuration.BodyLimit(routeLimit));
        var start = JsonBody.Deserialize(body, BedrockJsonContext.Default.StartAsyncInvokeRequest);
        if (string.IsNullOrWhiteSpace(start.ModelId))
        {
            throw FunctionException.BadRequest("modelId", "is required");
        }

        services.Gate.RequireKnownModel(start.ModelId);
        var caller = CallerIdentity.Resolve(request);
        start.ClientRequestToken ??= request.Header("idempotency-key") ?? IdempotencyKey.Derive(caller, body.Span);
        InvokeValidator.Validate(start);

        await using (var admission = await services.Gate.AdmitAsync(
            new GateRequest(start.ModelId, caller, 0, ReadOnlyMemory<byte>.Empty, CountTokensInputKind.InvokeModel), context, cancellationToken).ConfigureAwait(false))
        {
            StartAsyncInvokeResponse started;
            try
            {
                started = await services.Bedrock.StartAsyncInvokeAsync(start, cancellationToken).ConfigureAwait(false);
            }
            catch (BedrockException)
            {
                admission.RefusedByBedrock();
                throw;
            }

            admission.Complete(default);
            var json = JsonSerializer.SerializeToUtf8Bytes(new AsyncInvokeStarted(started.InvocationArn, start.ClientRequestToken), FunctionsJsonContext.Default.AsyncInvokeStarted);
            return HttpApiResponse.Json(202, json).WithHeader("location", "/v1/async/" + Uri.EscapeDataString(started.InvocationArn));
        }
    }
}
