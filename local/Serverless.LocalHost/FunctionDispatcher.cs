using Microsoft.AspNetCore.Http;
using Serverless.Functions;
using Serverless.Functions.Errors;
using Serverless.Functions.Routing;

namespace Serverless.LocalHost;

/// <summary>
/// Serves one request the way API Gateway + Lambda would: route by <see cref="FunctionRoutes"/> (404 / 405 in the
/// functions' error shape otherwise), read the body up to the route's limit (413 beyond it), build the payload 2.0
/// event, and hand it to the buffered or streaming function with a deadline of <see cref="LocalHostOptions.FunctionTimeout"/>.
/// </summary>
internal sealed class FunctionDispatcher(FunctionCatalog catalog, LocalHostOptions options)
{
    private readonly HttpApiRequestFactory _requests = new(options);

    public async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        var rawTarget = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? path;
        var rawPath = rawTarget.Split('?', 2)[0];
        var lookup = FunctionRoutes.Match(http.Request.Method, rawPath);
        if (lookup.Route is not { } route)
        {
            var error = lookup.AllowedMethods.Count > 0
                ? FunctionError.MethodNotAllowed(http.Request.Method, path, lookup.AllowedMethods)
                : FunctionError.UnknownRoute(http.Request.Method, path);
            if (lookup.AllowedMethods.Count > 0)
            {
                http.Response.Headers.Allow = string.Join(", ", lookup.AllowedMethods);
            }

            await HttpApiResponseWriter.WriteAsync(http.Response, ErrorBody.Response(error), http.RequestAborted).ConfigureAwait(false);
            return;
        }

        var limit = catalog.Configuration.BodyLimit(route.MaxBodyBytes);
        var body = await BoundedBody.ReadAsync(http.Request, limit, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await HttpApiResponseWriter.WriteAsync(http.Response, ErrorBody.Response(FunctionError.PayloadTooLarge(limit)), http.RequestAborted).ConfigureAwait(false);
            return;
        }

        var request = _requests.Create(http, lookup, body.Value);
        var context = new FunctionContext
        {
            RequestId = request.RequestContext!.RequestId!,
            Deadline = options.TimeProvider.GetUtcNow() + options.FunctionTimeout,
            TraceId = http.Request.Headers["x-amzn-trace-id"].ToString() is { Length: > 0 } trace ? trace : null,
        };
        using var deadline = new CancellationTokenSource(options.FunctionTimeout, options.TimeProvider);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, deadline.Token);

        if (route.Kind == FunctionKind.Streaming)
        {
            await catalog.Streaming(route.FunctionName).HandleAsync(request, new KestrelResponseStream(http.Response), context, cancellation.Token).ConfigureAwait(false);
            return;
        }

        var response = await catalog.Buffered(route.FunctionName).HandleAsync(request, context, cancellation.Token).ConfigureAwait(false);
        await HttpApiResponseWriter.WriteAsync(http.Response, response, http.RequestAborted).ConfigureAwait(false);
    }
}
