using Serverless.Functions.Http;

namespace Serverless.Functions;

/// <summary>
/// A function that answers with one whole response. Host-agnostic: the Lambda runtime and the local host both call it.
/// It never throws for anything a caller can cause; every failure comes back as the error shape with its status.
/// </summary>
public interface IHttpFunction
{
    ValueTask<HttpApiResponse> HandleAsync(HttpApiRequest request, FunctionContext context, CancellationToken cancellationToken);
}

/// <summary>
/// A function that streams its response as it is produced (a Function URL in RESPONSE_STREAM mode, or Kestrel
/// locally). Errors before the first byte become an ordinary error response; later ones an error event in the stream.
/// </summary>
public interface IStreamingHttpFunction
{
    ValueTask HandleAsync(HttpApiRequest request, IHttpResponseStream response, FunctionContext context, CancellationToken cancellationToken);
}
