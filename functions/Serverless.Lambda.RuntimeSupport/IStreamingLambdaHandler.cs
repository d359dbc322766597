namespace Serverless.Lambda.RuntimeSupport;

/// <summary>
/// A function that streams its answer (Lambda response streaming: a Function URL in RESPONSE_STREAM mode or
/// InvokeWithResponseStream). Each write reaches the caller as it is made; an exception thrown after the first write
/// is reported to Lambda in the response's trailers.
/// </summary>
public interface IStreamingLambdaHandler
{
    /// <param name="payload">The event bytes exactly as the Runtime API sent them.</param>
    /// <param name="response">Where the answer goes; an HTTP answer starts with <see cref="LambdaResponseStreamExtensions.StartHttpResponseAsync"/>.</param>
    /// <param name="context">The invocation's context.</param>
    /// <param name="ct">Cancelled before the deadline and on shutdown.</param>
    ValueTask HandleAsync(ReadOnlyMemory<byte> payload, ILambdaResponseStream response, ILambdaContext context, CancellationToken ct);
}
