using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Serverless.Batch.Contracts;
using Serverless.Batch.Pending;
using Serverless.Batch.Steps;
using Serverless.Batch.Storage;

namespace Serverless.Batch.Prepare;

/// <summary>
/// batch-prepare: validates every record (errors name the line and field), keeps given recordIds and assigns the
/// missing ones ("auto-{line}"), rejects duplicates, and writes each model's records as job files within Bedrock's
/// limits (fewer than the minimum go to the on-demand file). Reads its input twice, streaming: once to count, once
/// to write, so shards are balanced without holding the input in memory.
/// </summary>
public sealed partial class PrepareStep(IBatchObjectStore store, IPendingBatchStore pending, BatchSettings settings, TimeProvider time, Random random)
    : IBatchStep<PrepareInput, PrepareOutput>
{
    public const string ScheduledMode = "scheduled";

    private static readonly HashSet<string> InvocationTypes = new(StringComparer.Ordinal) { "InvokeModel", "Converse" };

    public async ValueTask<PrepareOutput> HandleAsync(PrepareInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        settings.Validate();
        var scheduled = string.Equals(input.Mode, ScheduledMode, StringComparison.Ordinal);
        if (input.Mode is not null && !scheduled && input.Mode != "batch")
        {
            throw new BatchInputException($"mode: must be \"batch\" or \"scheduled\" (was \"{input.Mode}\").");
        }

        if (!scheduled)
        {
            var source = CheckBatch(input);
            return await PrepareAsync(source.BatchId, [source], input, cancellationToken).ConfigureAwait(false);
        }

        var claimed = await pending.ClaimAllAsync(cancellationToken).ConfigureAwait(false);
        if (claimed.Count == 0)
        {
            return new PrepareOutput { Empty = true };
        }

        var runId = $"scheduled-{time.GetUtcNow():yyyyMMdd'T'HHmmss}-{random.Next(0x1000000):x6}";
        try
        {
            var sources = claimed.Select(b => new BatchSource(b.BatchId, b.ModelId, b.InputUri, null)).ToList();
            return await PrepareAsync(runId, sources, input, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Put the claimed batches back so a failed scheduled run loses none of them.
            foreach (var batch in claimed)
            {
                await pending.EnqueueAsync(batch, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
    }

    private static BatchSource CheckBatch(PrepareInput input)
    {
        var batchId = input.BatchId ?? throw new BatchInputException("batchId: is required.");
        if (!BatchIdPattern().IsMatch(batchId))
        {
            throw new BatchInputException($"batchId: '{batchId}' must be 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }

        if (string.IsNullOrWhiteSpace(input.ModelId))
        {
            throw new BatchInputException("modelId: is required.");
        }

        if ((input.InputUri is null) == (input.Records is null))
        {
            throw new BatchInputException("inputUri / records: give exactly one of them.");
        }

        if (input.InputUri is not null)
        {
            S3Location.Parse(input.InputUri, "inputUri");
        }

        return new BatchSource(batchId, input.ModelId, input.InputUri, input.Records);
    }

    private async Task<PrepareOutput> PrepareAsync(string runId, IReadOnlyList<BatchSource> sources, PrepareInput input, CancellationToken cancellationToken)
    {
        var invocationType = input.ModelInvocationType ?? "InvokeModel";
        if (!InvocationTypes.Contains(invocationType))
        {
            throw new BatchInputException($"modelInvocationType: must be InvokeModel or Converse (was \"{invocationType}\").");
        }

        var timeoutHours = input.TimeoutHours ?? settings.DefaultTimeoutHours;
        if (timeoutHours is < 24 or > 168)
        {
            throw new BatchInputException($"timeoutHours: must be 24 to 168 (was {timeoutHours}).");
        }

        var attempts = input.MaxOnDemandAttempts ?? settings.DefaultMaxOnDemandAttempts;
        if (attempts is < 0 or > 10)
        {
            throw new BatchInputException($"maxOnDemandAttempts: must be 0 to 10 (was {attempts}).");
        }

        if (input.Deadline is { } deadline && deadline <= time.GetUtcNow())
        {
            throw new BatchInputException($"deadline: {deadline:O} has already passed.");
        }

        var prefix = S3Location.Parse(settings.WorkPrefix, "WorkPrefix").Append($"runs/{runId}/");
        var run = new RunInfo
        {
            RunId = runId,
            Prefix = prefix.ToString(),
            ModelInvocationType = invocationType,
            TimeoutHours = timeoutHours,
            Deadline = input.Deadline,
            MaxOnDemandAttempts = attempts,
            MaxConcurrentJobs = settings.MaxConcurrentJobs,
            RecordIdsIncludeBatch = sources.Count > 1,
        };

        var shardNumber = 0;
        string NextShardId() => "s" + (++shardNumber).ToString("D4", CultureInfo.InvariantCulture);
        var onDemand = new ArrayBufferWriter<byte>();
        long onDemandRecords = 0;
        var shards = new List<ShardInfo>();
        foreach (var group in sources.GroupBy(s => s.ModelId, StringComparer.Ordinal))
        {
            var (records, bytes) = await CountAsync(group, cancellationToken).ConfigureAwait(false);
            var plan = ShardPlan.For(records, bytes, settings.Limits);
            var builder = new ShardBuilder(store, prefix, runId, group.Key, plan, NextShardId);
            foreach (var source in group)
            {
                var submitted = await WriteSourceAsync(source, run.RecordIdsIncludeBatch, plan, builder, onDemand, cancellationToken).ConfigureAwait(false);
                run.Batches.Add(new BatchCount { BatchId = source.BatchId, ModelId = source.ModelId, Submitted = submitted });
                run.Submitted += submitted;
                if (plan.OnDemandOnly)
                {
                    onDemandRecords += submitted;
                }
            }

            await builder.FlushAsync(cancellationToken).ConfigureAwait(false);
            shards.AddRange(builder.Shards);
        }

        if (run.Submitted == 0)
        {
            throw new BatchInputException("records: the batch has no records.");
        }

        await store.PutAsync(prefix.Append("ondemand.jsonl"), onDemand.WrittenMemory, cancellationToken).ConfigureAwait(false);
        return new PrepareOutput { Run = run, Shards = shards, OnDemand = new OnDemandProgress { Remaining = onDemandRecords } };
    }

    private async Task<(long Records, long Bytes)> CountAsync(IEnumerable<BatchSource> sources, CancellationToken cancellationToken)
    {
        long records = 0, bytes = 0;
        foreach (var source in sources)
        {
            await foreach (var line in LinesAsync(source, cancellationToken).ConfigureAwait(false))
            {
                records++;
                bytes += line.Bytes.Length + 1;
            }
        }

        return (records, bytes);
    }

    private async Task<long> WriteSourceAsync(BatchSource source, bool includeBatch, ShardPlan plan, ShardBuilder builder,
        IBufferWriter<byte> onDemand, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var label = source.InputUri is null ? "" : source.InputUri + " ";
        long count = 0;
        await foreach (var line in LinesAsync(source, cancellationToken).ConfigureAwait(false))
        {
            var position = new RecordPosition(label, line.Number, source.InputUri is null);
            var span = line.Bytes.Span;
            var record = InputRecordParser.Parse(span, position);
            var recordId = record.RecordId ?? "auto-" + line.Number.ToString("D9", CultureInfo.InvariantCulture);
            if (!seen.Add(recordId))
            {
                throw new BatchInputException($"{position}: recordId: '{recordId}' appears more than once in batch '{source.BatchId}'.");
            }

            count++;
            if (plan.OnDemandOnly)
            {
                RecordLines.WriteWorkLine(onDemand, source.BatchId, recordId, source.ModelId, span.Slice(record.ModelInputStart, record.ModelInputLength), null);
                continue;
            }

            await builder.BeforeLineAsync(line.Bytes.Length + recordId.Length + 32, cancellationToken).ConfigureAwait(false);
            if (record.RecordId is not null && !includeBatch)
            {
                // The line is already what Bedrock reads: copy it as it is (the fast path of a large file).
                builder.Output.Write(line.Bytes.Span);
                builder.Output.Write("\n"u8);
            }
            else
            {
                RecordLines.WriteJobLine(builder.Output, RecordLines.JobRecordId(source.BatchId, recordId, includeBatch),
                    line.Bytes.Span.Slice(record.ModelInputStart, record.ModelInputLength));
            }

            builder.LineWritten();
        }

        return count;
    }

    private async IAsyncEnumerable<JsonlLine> LinesAsync(BatchSource source, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (source.Records is { } records)
        {
            for (var i = 0; i < records.Count; i++)
            {
                yield return new JsonlLine(i + 1, JsonSerializer.SerializeToUtf8Bytes(records[i], Json.BatchJsonContext.Default.JsonElement));
            }

            yield break;
        }

        var location = S3Location.Parse(source.InputUri, "inputUri");
        await using var stream = await store.OpenReadAsync(location, cancellationToken).ConfigureAwait(false)
            ?? throw new BatchInputException($"inputUri: {location} does not exist.");
        await foreach (var line in JsonlLineReader.ReadAsync(stream, settings.Limits.MaxRecordBytes, location + " ", cancellationToken).ConfigureAwait(false))
        {
            yield return line;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex BatchIdPattern();
}
