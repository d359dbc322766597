using Microsoft.AspNetCore.Http;
using Serverless.Functions.Http;

namespace Serverless.LocalHost;

/// <summary>Writes a buffered function's payload 2.0 response to Kestrel: status, headers, Set-Cookie, the decoded body.</summary>
internal static class HttpApiResponseWriter
{
    public static async Task WriteAsync(HttpResponse response, HttpApiResponse result, CancellationToken cancellationToken)
    {
        response.StatusCode = result.StatusCode;
        foreach (var (name, value) in result.Headers ?? [])
        {
            response.Headers[name] = value;
        }

        if (result.Cookies is { Count: > 0 } cookies)
        {
            response.Headers.SetCookie = cookies.ToArray();
        }

        var body = result.BodyBytes();
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }
}
