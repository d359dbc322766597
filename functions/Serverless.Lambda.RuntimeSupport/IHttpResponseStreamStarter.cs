namespace Serverless.Lambda.RuntimeSupport;

/// <summary>
/// Optional for an <see cref="ILambdaResponseStream"/> that carries an HTTP response itself. The Runtime API stream
/// implements it to set the HTTP-integration content type before writing the prelude; a local host over Kestrel can
/// implement it to set the status and headers natively instead of receiving prelude bytes.
/// </summary>
public interface IHttpResponseStreamStarter
{
    ValueTask StartHttpResponseAsync(HttpResponseStreamPrelude prelude, CancellationToken ct);
}
