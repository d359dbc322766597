using System.Text.Json;
using Serverless.Functions.Errors;
using Serverless.Functions.Http;
using Serverless.Lambda.RuntimeSupport;

namespace Serverless.Functions.Lambda.Http;

/// <summary>Runs a streaming HTTP function behind a Function URL (RESPONSE_STREAM): the event in, the response streamed out.</summary>
internal sealed class StreamingHttpFunctionHandler(IStreamingHttpFunction function) : IStreamingLambdaHandler
{
    public async ValueTask HandleAsync(ReadOnlyMemory<byte> payload, ILambdaResponseStream response, ILambdaContext context, CancellationToken ct)
    {
        var stream = new LambdaHttpResponseStream(response);
        HttpApiRequest request;
        try
        {
            request = HttpApiEvents.ParseRequest(payload.Span);
        }
        catch (JsonException e)
        {
            var error = FunctionError.BadRequest("event", $"is not a Function URL (payload 2.0) event ({e.Message})");
            var headers = new Dictionary<string, string>(ErrorBody.Headers(error)) { ["content-type"] = "application/json" };
            await stream.StartAsync(error.StatusCode, headers, ct).ConfigureAwait(false);
            await stream.WriteAsync(ErrorBody.Json(error), ct).ConfigureAwait(false);
            return;
        }

        await function.HandleAsync(request, stream, LambdaFunctionContext.From(context), ct).ConfigureAwait(false);
        if (!stream.HasStarted)
        {
            // A function that wrote nothing still owes the client a status line.
            await stream.StartAsync(204, new Dictionary<string, string>(), ct).ConfigureAwait(false);
        }
    }
}
