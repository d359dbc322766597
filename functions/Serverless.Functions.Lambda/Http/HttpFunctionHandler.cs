using System.Text.Json;
using Serverless.Functions.Errors;
using Serverless.Functions.Http;
using Serverless.Lambda.RuntimeSupport;

namespace Serverless.Functions.Lambda.Http;

/// <summary>
/// Runs a buffered HTTP function for API Gateway (payload format 2.0): the event in, the response object out.
/// </summary>
internal sealed class HttpFunctionHandler(IHttpFunction function) : IBufferedLambdaHandler
{
    public async ValueTask<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, ILambdaContext context, CancellationToken ct)
    {
        HttpApiRequest request;
        try
        {
            request = HttpApiEvents.ParseRequest(payload.Span);
        }
        catch (JsonException e)
        {
            // Only a misconfigured integration (not payload format 2.0) gets here; say so instead of failing the invocation.
            return HttpApiEvents.Serialize(ErrorBody.Response(FunctionError.BadRequest("event", $"is not an API Gateway HTTP API payload 2.0 event ({e.Message})")));
        }

        var response = await function.HandleAsync(request, LambdaFunctionContext.From(context), ct).ConfigureAwait(false);
        return HttpApiEvents.Serialize(response);
    }
}
