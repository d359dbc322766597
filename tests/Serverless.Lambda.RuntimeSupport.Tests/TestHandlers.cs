using Serverless.Lambda.RuntimeSupport;

namespace Serverless.Lambda.RuntimeSupport.Tests;

internal sealed class BufferedHandler(Func<ReadOnlyMemory<byte>, ILambdaContext, CancellationToken, ValueTask<ReadOnlyMemory<byte>>> handle) : IBufferedLambdaHandler
{
    public static BufferedHandler Echo { get; } = new((payload, _, _) => ValueTask.FromResult(payload));

    public ValueTask<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, ILambdaContext context, CancellationToken ct) => handle(payload, context, ct);
}

internal sealed class StreamingHandler(Func<ReadOnlyMemory<byte>, ILambdaResponseStream, ILambdaContext, CancellationToken, ValueTask> handle) : IStreamingLambdaHandler
{
    public ValueTask HandleAsync(ReadOnlyMemory<byte> payload, ILambdaResponseStream response, ILambdaContext context, CancellationToken ct) => handle(payload, response, context, ct);
}
