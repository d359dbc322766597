using Serverless.LocalBedrock.Jobs.Common;
using Serverless.LocalBedrock.Jobs.Contracts;

namespace Serverless.LocalBedrock.Jobs.Batch;

/// <summary>
/// Sends each record to the model invoker (a few at a time) and keeps every outcome in <c>results[file][record]</c>
/// as soon as it is known, so a stop or expiry can still write the records finished so far.
/// </summary>
internal sealed class BatchRecordProcessor(IModelInvoker invoker, FaultDice dice, JobFaultOptions faults, int maxConcurrency)
{
    public static ModelInvocationResult?[][] NewResults(BatchInput input)
        => input.Files.Select(f => new ModelInvocationResult?[f.Records.Count]).ToArray();

    public async Task ProcessAsync(string jobId, string modelId, BatchInput input, ModelInvocationResult?[][] results, CancellationToken cancellationToken)
    {
        var work = input.Files
            .SelectMany((file, f) => file.Records.Select((record, r) => (File: f, Record: r, Data: record)))
            .Select((item, globalIndex) => (item.File, item.Record, item.Data, GlobalIndex: globalIndex));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(work, parallel, async (item, token) =>
        {
            var result = dice.Roll(faults.FailedRecordRate, jobId, item.GlobalIndex)
                ? new ModelInvocationResult(null, 0, 0, faults.FailedRecordErrorCode, faults.FailedRecordErrorMessage)
                : await InvokeAsync(modelId, item.Data, token).ConfigureAwait(false);
            Volatile.Write(ref results[item.File][item.Record], result);
        }).ConfigureAwait(false);
    }

    private async Task<ModelInvocationResult> InvokeAsync(string modelId, BatchRecord record, CancellationToken cancellationToken)
    {
        try
        {
            return await invoker.InvokeAsync(modelId, record.ModelInput, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The contract says the invoker reports errors in its result; a throw still becomes one error line, not a failed job.
            return new ModelInvocationResult(null, 0, 0, 500, "Internal server error: " + e.Message);
        }
    }
}
