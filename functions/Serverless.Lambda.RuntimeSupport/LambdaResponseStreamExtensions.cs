namespace Serverless.Lambda.RuntimeSupport;

public static class LambdaResponseStreamExtensions
{
    /// <summary>
    /// Starts an HTTP answer: sends the status, headers and cookies before any body byte. Call it once, before the
    /// first write. A stream that carries HTTP itself (<see cref="IHttpResponseStreamStarter"/>) takes the prelude
    /// natively; any other stream receives the prelude's wire bytes.
    /// </summary>
    public static ValueTask StartHttpResponseAsync(this ILambdaResponseStream response, HttpResponseStreamPrelude prelude, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(prelude);
        return response is IHttpResponseStreamStarter starter
            ? starter.StartHttpResponseAsync(prelude, ct)
            : response.WriteAsync(prelude.ToBytes(), ct);
    }
}
