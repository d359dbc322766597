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
/// Location to poll. The token is the body's, else the Idempotency-Key header, else derived from caller and body; it
/// reaches Bedrock bound to the caller (<see cref="AsyncCallerBinding"/>), and the caller sees its own token back.
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
        var ownToken = OwnToken(start.ClientRequestToken, request.Header("idempotency-key")) ?? IdempotencyKey.Derive(caller, body.Span);
        start.ClientRequestToken = AsyncCallerBinding.Bind(caller, ownToken);
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

            admission.Complete(default(Serverless.Quota.ActualUsage));
            var json = JsonSerializer.SerializeToUtf8Bytes(new AsyncInvokeStarted(started.InvocationArn, ownToken), FunctionsJsonContext.Default.AsyncInvokeStarted);
            return HttpApiResponse.Json(202, json).WithHeader("location", "/v1/async/" + Uri.EscapeDataString(started.InvocationArn));
        }
    }

    /// <summary>The body's token, else the Idempotency-Key header; null when neither is given.</summary>
    private static string? OwnToken(string? bodyToken, string? header)
    {
        var (token, field) = bodyToken is not null ? (bodyToken, "clientRequestToken") : (header, "Idempotency-Key");
        if (token is not null && (token.Length == 0 || token.Length > AsyncCallerBinding.MaxOwnTokenLength))
        {
            throw FunctionException.BadRequest(field, $"must be 1 to {AsyncCallerBinding.MaxOwnTokenLength} characters (Bedrock allows {AsyncCallerBinding.BedrockTokenLength}; the API binds the token to its caller), got {token.Length}");
        }

        return token;
    }
}
