using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using Serverless.Lambda.RuntimeSupport;

namespace Serverless.Functions.Lambda;

/// <summary>The smoke test after a deploy: answers with what runs (function, .NET runtime, JIT or Native AOT) whatever the event.</summary>
internal sealed class PingFunction : IBufferedLambdaHandler
{
    public const string Name = "ping";

    public ValueTask<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, ILambdaContext context, CancellationToken ct)
    {
        var reply = new PingReply
        {
            Function = Name,
            FunctionName = context.FunctionName,
            RequestId = context.AwsRequestId,
            Runtime = RuntimeInformation.FrameworkDescription,
            NativeAot = !RuntimeFeature.IsDynamicCodeSupported,
        };
        return ValueTask.FromResult<ReadOnlyMemory<byte>>(JsonSerializer.SerializeToUtf8Bytes(reply, PingJsonContext.Default.PingReply));
    }
}
