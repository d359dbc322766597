namespace Serverless.Lambda.RuntimeSupport;

/// <summary>A function that answers with one whole payload (the Runtime API's buffered response, at most 6 MB).</summary>
public interface IBufferedLambdaHandler
{
    /// <param name="payload">The event bytes exactly as the Runtime API sent them (a UTF-8 BOM included, if any).</param>
    /// <param name="context">The invocation's context.</param>
    /// <param name="ct">Cancelled before the deadline and on shutdown (the same as <see cref="ILambdaContext.CancellationToken"/>).</param>
    /// <returns>The response bytes, posted unchanged.</returns>
    ValueTask<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, ILambdaContext context, CancellationToken ct);
}
