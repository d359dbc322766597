using System.Buffers;
using System.Text;
using Serverless.Batch.Contracts;
using Serverless.Batch.Prepare;
using Serverless.Batch.Results;
using Serverless.Batch.Steps;
using Serverless.Batch.Storage;

namespace Serverless.Batch.FanOut;

/// <summary>
/// batch-fanout: streams a finished job's <c>.jsonl.out</c> into the results store (keyed by batch and recordId, so
/// a retried fan-out rewrites the same items and adds none), and queues every record that did not succeed — error
/// lines, records missing from the output, all records of a job that failed or never ran — for the on-demand retry
/// (<c>retry/{shardId}.jsonl</c>, rewritten whole on a retry).
/// </summary>
public sealed class FanOutStep(IBatchObjectStore store, IResultsStore results, BatchSettings settings) : IBatchStep<FanOutInput, FanOutOutput>
{
    private const int WriteChunk = 500;

    public async ValueTask<FanOutOutput> HandleAsync(FanOutInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var run = input.Run;
        var shard = input.Shard;
        var output = new FanOutOutput { ShardId = shard.ShardId, Records = shard.RecordCount, JobStatus = input.Job?.Status ?? "NotRun" };
        var retry = new ArrayBufferWriter<byte>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var final = run.MaxOnDemandAttempts == 0;
        var jobId = input.Job?.JobArn is { Length: > 0 } arn ? arn[(arn.LastIndexOf('/') + 1)..] : null;

        if (jobId is not null)
        {
            var jobFolder = S3Location.Parse(shard.OutputUri, "shard.outputUri").Append(jobId + "/");
            var outFile = jobFolder.Append(S3Location.Parse(shard.InputUri, "shard.inputUri").FileName + ".out");
            await ReadOutputAsync(outFile, run, shard, seen, retry, output, final, cancellationToken).ConfigureAwait(false);
            (output.InputTokens, output.OutputTokens) = await JobManifest.ReadTokensAsync(store, jobFolder.Append("manifest.json.out"), cancellationToken).ConfigureAwait(false);
        }

        if (seen.Count < shard.RecordCount)
        {
            var reason = MissingReason(input);
            await QueueMissingAsync(run, shard, seen, retry, output, reason, final, cancellationToken).ConfigureAwait(false);
        }

        var prefix = S3Location.Parse(run.Prefix, "run.prefix");
        await store.PutAsync(prefix.Append($"retry/{shard.ShardId}.jsonl"), retry.WrittenMemory, cancellationToken).ConfigureAwait(false);
        return output;
    }

    private async Task ReadOutputAsync(S3Location outFile, RunInfo run, ShardInfo shard, HashSet<string> seen, IBufferWriter<byte> retry,
        FanOutOutput output, bool final, CancellationToken cancellationToken)
    {
        await using var stream = await store.OpenReadAsync(outFile, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return;
        }

        var pending = new List<RecordResult>(WriteChunk);
        await foreach (var line in JsonlLineReader.ReadAsync(stream, int.MaxValue / 2, outFile + " ", cancellationToken).ConfigureAwait(false))
        {
            var span = line.Bytes.Span;
            if (OutputLine.Parse(span) is not { RecordId: { } jobRecordId } parsed || !seen.Add(jobRecordId))
            {
                // Unreadable or repeated lines add nothing: the record is either counted once already or missing.
                continue;
            }

            var (batchId, recordId) = JobInputLine.Key(jobRecordId, run);
            if (parsed.Succeeded)
            {
                output.Succeeded++;
                pending.Add(new RecordResult
                {
                    BatchId = batchId,
                    RecordId = recordId,
                    Status = RecordStatus.Succeeded,
                    ModelOutput = Encoding.UTF8.GetString(span[parsed.ModelOutput]),
                    Source = RecordSource.Batch,
                    Final = true,
                });
            }
            else
            {
                output.Failed++;
                var reason = $"batch job record error {parsed.ErrorCode}: {parsed.ErrorMessage}";
                pending.Add(Failed(batchId, recordId, parsed.ErrorCode ?? "RecordError", reason, final));
                RecordLines.WriteWorkLine(retry, batchId, recordId, shard.ModelId, span[parsed.ModelInput], reason);
            }

            if (pending.Count >= WriteChunk)
            {
                await results.PutManyAsync(pending, cancellationToken).ConfigureAwait(false);
                pending.Clear();
            }
        }

        if (pending.Count > 0)
        {
            await results.PutManyAsync(pending, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task QueueMissingAsync(RunInfo run, ShardInfo shard, HashSet<string> seen, IBufferWriter<byte> retry,
        FanOutOutput output, string reason, bool final, CancellationToken cancellationToken)
    {
        var inputFile = S3Location.Parse(shard.InputUri, "shard.inputUri");
        await using var stream = await store.OpenReadAsync(inputFile, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The shard's input {inputFile} is gone: its missing records cannot be queued.");
        var pending = new List<RecordResult>(WriteChunk);
        await foreach (var line in JsonlLineReader.ReadAsync(stream, settings.Limits.MaxRecordBytes, inputFile + " ", cancellationToken).ConfigureAwait(false))
        {
            var span = line.Bytes.Span;
            var (jobRecordId, modelInput) = JobInputLine.Parse(span);
            if (jobRecordId is null || !seen.Add(jobRecordId))
            {
                continue;
            }

            var (batchId, recordId) = JobInputLine.Key(jobRecordId, run);
            output.Missing++;
            output.Failed++;
            pending.Add(Failed(batchId, recordId, "MissingFromOutput", reason, final));
            RecordLines.WriteWorkLine(retry, batchId, recordId, shard.ModelId, span[modelInput], reason);
            if (pending.Count >= WriteChunk)
            {
                await results.PutManyAsync(pending, cancellationToken).ConfigureAwait(false);
                pending.Clear();
            }
        }

        if (pending.Count > 0)
        {
            await results.PutManyAsync(pending, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string MissingReason(FanOutInput input) => input.Job switch
    {
        null => $"no batch job ran ({input.Error?.Error ?? "unknown"}: {input.Error?.Cause})",
        { Status: "Completed" or "PartiallyCompleted" } => "missing from the batch job's output",
        { } job => $"batch job ended {job.Status}" + (job.Message is { Length: > 0 } m ? ": " + m : "") + " before this record was written",
    };

    private static RecordResult Failed(string batchId, string recordId, string code, string reason, bool final) => new()
    {
        BatchId = batchId,
        RecordId = recordId,
        Status = RecordStatus.Failed,
        ErrorCode = code,
        ErrorMessage = reason,
        Source = RecordSource.Batch,
        Final = final,
    };
}
