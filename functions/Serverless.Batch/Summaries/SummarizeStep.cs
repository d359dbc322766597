using System.Buffers;
using System.Text.Json;
using Serverless.Batch.Contracts;
using Serverless.Batch.Json;
using Serverless.Batch.Results;
using Serverless.Batch.Steps;
using Serverless.Batch.Storage;

namespace Serverless.Batch.Summaries;

/// <summary>
/// batch-summarize: counts every batch's results (submitted = succeeded + failed; anything else is reported as
/// unaccounted), adds the token totals of the jobs' manifests and the on-demand calls, writes each batch's results
/// file and the run's summary.json, and returns the summary (the completion event's detail).
/// </summary>
public sealed class SummarizeStep(IBatchObjectStore store, IResultsStore results) : IBatchStep<SummarizeInput, BatchSummary>
{
    public async ValueTask<BatchSummary> HandleAsync(SummarizeInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var run = input.Run;
        var prefix = S3Location.Parse(run.Prefix, "run.prefix");
        var shards = input.Shards ?? [];
        var onDemand = input.OnDemand ?? new OnDemandProgress();
        var summary = new BatchSummary
        {
            RunId = run.RunId,
            Submitted = run.Submitted,
            InputTokens = shards.Sum(s => s.InputTokens) + onDemand.InputTokens,
            OutputTokens = shards.Sum(s => s.OutputTokens) + onDemand.OutputTokens,
            Jobs = shards.GroupBy(s => s.JobStatus, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            OnDemandSucceeded = onDemand.Succeeded,
            SummaryUri = prefix.Append("summary.json").ToString(),
        };

        foreach (var batch in run.Batches)
        {
            var file = new ArrayBufferWriter<byte>();
            long succeeded = 0, failed = 0;
            await foreach (var result in results.ListAsync(batch.BatchId, cancellationToken).ConfigureAwait(false))
            {
                ResultsFileWriter.Write(file, result);
                if (result.IsSucceeded)
                {
                    succeeded++;
                }
                else
                {
                    failed++;
                }
            }

            var resultsUri = prefix.Append($"results/{batch.BatchId}.jsonl");
            await store.PutAsync(resultsUri, file.WrittenMemory, cancellationToken).ConfigureAwait(false);
            summary.Batches.Add(new BatchOutcome
            {
                BatchId = batch.BatchId,
                ModelId = batch.ModelId,
                Submitted = batch.Submitted,
                Succeeded = succeeded,
                Failed = failed,
                ResultsUri = resultsUri.ToString(),
            });
            summary.Succeeded += succeeded;
            summary.Failed += failed;
        }

        summary.Unaccounted = summary.Submitted - summary.Succeeded - summary.Failed;
        await store.PutAsync(prefix.Append("summary.json"), JsonSerializer.SerializeToUtf8Bytes(summary, BatchJsonContext.Default.BatchSummary), cancellationToken).ConfigureAwait(false);
        return summary;
    }
}
