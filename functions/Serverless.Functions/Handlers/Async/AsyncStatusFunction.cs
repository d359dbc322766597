using System.Text.Json;
using Serverless.Bedrock.Json;
using Serverless.Bedrock.Model;
using Serverless.Bedrock.Validation;
using Serverless.Functions.Errors;
using Serverless.Functions.Http;
using Serverless.Functions.Requests;
using Serverless.Functions.Routing;

namespace Serverless.Functions.Handlers.Async;

/// <summary>
/// GET /v1/async/{invocationArn}: GetAsyncInvoke, answered with Bedrock's description (status InProgress, Completed or
/// Failed, failure message, and the S3 location the result is written to). A lookup is no model call: no ledger.
/// Only the caller that started the invocation through this API sees it; to anyone else it does not exist (404, as
/// for a conversation id), so invocation ARNs are no capability to read another caller's work.
/// </summary>
internal sealed class AsyncStatusFunction(FunctionServices services) : BufferedFunction
{
    protected override async ValueTask<HttpApiResponse> ExecuteAsync(HttpApiRequest request, FunctionContext context, CancellationToken cancellationToken)
    {
        var arn = RouteValues.Required(request, FunctionNames.AsyncStatus, "invocationArn");
        var lookup = new GetAsyncInvokeRequest { InvocationArn = arn };
        InvokeValidator.Validate(lookup);
        var status = await services.Bedrock.GetAsyncInvokeAsync(lookup, cancellationToken).ConfigureAwait(false);
        if (!AsyncCallerBinding.TryUnbind(CallerIdentity.Resolve(request), status.ClientRequestToken, out var ownToken))
        {
            throw new FunctionException(FunctionError.NotFound(ErrorCodes.AsyncInvocationNotFound,
                $"invocationArn: '{arn}' is not an asynchronous invocation of this caller (started by another caller or outside this API)"));
        }

        status.ClientRequestToken = ownToken;
        return HttpApiResponse.Json(200, JsonSerializer.SerializeToUtf8Bytes(status, BedrockJsonContext.Default.GetAsyncInvokeResponse));
    }
}
