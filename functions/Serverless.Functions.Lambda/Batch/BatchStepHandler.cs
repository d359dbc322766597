using Serverless.Batch.Steps;
using Serverless.Lambda.RuntimeSupport;

namespace Serverless.Functions.Lambda.Batch;

/// <summary>
/// A batch workflow step as a Lambda function: JSON in, JSON out. Failures propagate so the runtime reports the
/// exception's class name as the error type, which the state machine's Retry/Catch match (docs/batch-workflow.md).
/// </summary>
internal sealed class BatchStepHandler(BatchJsonStep step) : IBufferedLambdaHandler
{
    public async ValueTask<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, ILambdaContext context, CancellationToken ct)
        => await step.InvokeAsync(payload, ct).ConfigureAwait(false);
}
