using System.Text.Json;
using Serverless.Batch.Json;
using Serverless.Functions.Metrics;
using Serverless.Lambda.RuntimeSupport;

namespace Serverless.Functions.Lambda.Batch;

/// <summary>
/// The summarize step, which also publishes the run's record counts as EMF metrics (BatchRecordsSucceeded,
/// BatchRecordsFailed — records with no result count as failed) for the dashboard. The step's output is passed on
/// unchanged.
/// </summary>
internal sealed class SummarizeWithMetricsHandler(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>> summarize, EmfMetricsWriter metrics)
    : IBufferedLambdaHandler
{
    public async ValueTask<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, ILambdaContext context, CancellationToken ct)
    {
        var output = await summarize(payload, ct).ConfigureAwait(false);
        if (metrics.Enabled && JsonSerializer.Deserialize(output, BatchJsonContext.Default.BatchSummary) is { } summary)
        {
            metrics.WriteWithoutDimensions(
                new EmfMetric(BatchMetricNames.RecordsSucceeded, summary.Succeeded),
                new EmfMetric(BatchMetricNames.RecordsFailed, summary.Failed + summary.Unaccounted));
        }

        return output;
    }
}
