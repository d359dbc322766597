namespace Serverless.Lambda.RuntimeSupport;

/// <summary>The body of a streamed response. Writes are sent in order; <see cref="FlushAsync"/> pushes buffered bytes out now.</summary>
public interface ILambdaResponseStream
{
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct);

    ValueTask FlushAsync(CancellationToken ct);
}
