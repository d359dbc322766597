using Serverless.Functions.Http;
using Serverless.Lambda.RuntimeSupport;

namespace Serverless.Functions.Lambda.Http;

/// <summary>
/// A streaming function's response on a Function URL in RESPONSE_STREAM mode: the status and headers go out as the
/// HTTP-integration prelude, then the body bytes as they come.
/// </summary>
internal sealed class LambdaHttpResponseStream(ILambdaResponseStream response) : IHttpResponseStream
{
    public bool HasStarted { get; private set; }

    public async ValueTask StartAsync(int statusCode, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        if (HasStarted)
        {
            throw new InvalidOperationException("The response has already started; its status can no longer change.");
        }

        HasStarted = true;
        var prelude = new HttpResponseStreamPrelude { StatusCode = statusCode, Headers = headers };
        await response.StartHttpResponseAsync(prelude, cancellationToken).ConfigureAwait(false);
        await response.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        => HasStarted
            ? response.WriteAsync(data, cancellationToken)
            : throw new InvalidOperationException("Call StartAsync before writing body bytes.");

    public ValueTask FlushAsync(CancellationToken cancellationToken) => response.FlushAsync(cancellationToken);
}
