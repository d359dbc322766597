using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Serverless.Functions.Http;

namespace Serverless.LocalHost;

/// <summary>A streaming function's response written straight to Kestrel's response body, unbuffered, flushed on request.</summary>
internal sealed class KestrelResponseStream(HttpResponse response) : IHttpResponseStream
{
    public bool HasStarted { get; private set; }

    public async ValueTask StartAsync(int statusCode, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        if (HasStarted)
        {
            throw new InvalidOperationException("The response has already started.");
        }

        response.StatusCode = statusCode;
        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }

        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        HasStarted = true;
        await response.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (!HasStarted)
        {
            throw new InvalidOperationException("Call StartAsync before writing the body.");
        }

        return response.Body.WriteAsync(data, cancellationToken);
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
        => await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
}
