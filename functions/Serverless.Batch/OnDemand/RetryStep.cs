using System.Runtime.CompilerServices;
using Serverless.Batch.Contracts;
using Serverless.Batch.Prepare;
using Serverless.Batch.Results;
using Serverless.Batch.Steps;
using Serverless.Batch.Storage;

namespace Serverless.Batch.OnDemand;

/// <summary>
/// batch-retry: finishes on demand every record that needs it — batches below the job minimum (ondemand.jsonl) and
/// records the fan-out queued (retry/*.jsonl) — each within the ledger, up to the run's attempt limit, then stores
/// the success or the final failure with its reason. Records already final are skipped, so a pass that is retried or
/// run again does no work twice. A pass stops starting records when its time budget is spent and reports what
/// remains; the state machine runs another pass.
/// </summary>
public sealed class RetryStep : IBatchStep<RetryInput, OnDemandProgress>
{
    private readonly IBatchObjectStore _store;
    private readonly IResultsStore _results;
    private readonly BatchSettings _settings;
    private readonly TimeProvider _time;
    private readonly OnDemandInvoker _invoker;

    public RetryStep(IBatchObjectStore store, IResultsStore results, Serverless.Bedrock.BedrockRuntimeClient runtime, Serverless.Quota.IQuotaLedger ledger,
        BatchSettings settings, TimeProvider time)
    {
        _store = store;
        _results = results;
        _settings = settings;
        _time = time;
        _invoker = new OnDemandInvoker(runtime, ledger, settings);
    }

    public async ValueTask<OnDemandProgress> HandleAsync(RetryInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var run = input.Run;
        var previous = input.Previous ?? new OnDemandProgress();
        var progress = new OnDemandProgress
        {
            Passes = previous.Passes + 1,
            Attempts = previous.Attempts,
            Succeeded = previous.Succeeded,
            Failed = previous.Failed,
            InputTokens = previous.InputTokens,
            OutputTokens = previous.OutputTokens,
        };
        var stopStartingAt = _time.GetUtcNow() + _settings.RetryPassBudget;
        var gate = new object();
        await Parallel.ForEachAsync(WorkAsync(run, cancellationToken), new ParallelOptions
        {
            MaxDegreeOfParallelism = _settings.OnDemandConcurrency,
            CancellationToken = cancellationToken,
        }, async (item, token) =>
        {
            var existing = await _results.GetAsync(item.BatchId, item.RecordId, token).ConfigureAwait(false);
            if (existing is { IsSucceeded: true } or { Final: true })
            {
                return;
            }

            if (_time.GetUtcNow() >= stopStartingAt)
            {
                lock (gate)
                {
                    progress.Remaining++;
                }

                return;
            }

            var (result, attempts, leftForLater) = await FinishAsync(item, existing, run, token).ConfigureAwait(false);
            lock (gate)
            {
                progress.Attempts += attempts;
                if (leftForLater)
                {
                    progress.Remaining++;
                }
                else if (result.IsSucceeded)
                {
                    progress.Succeeded++;
                    progress.InputTokens += result.InputTokens;
                    progress.OutputTokens += result.OutputTokens;
                }
                else
                {
                    progress.Failed++;
                }
            }

            if (!leftForLater)
            {
                await _results.PutAsync(result, token).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        return progress;
    }

    /// <summary>Attempts the record until it succeeds or its attempts are used up; a full quota leaves it for the next pass.</summary>
    private async Task<(RecordResult Result, int Attempts, bool LeftForLater)> FinishAsync(WorkItem item, RecordResult? existing, RunInfo run, CancellationToken cancellationToken)
    {
        var used = existing?.Attempts ?? 0;
        var made = 0;
        OnDemandOutcome? last = null;
        while (used + made < run.MaxOnDemandAttempts)
        {
            var outcome = await _invoker.InvokeAsync(item, run.ModelInvocationType, cancellationToken).ConfigureAwait(false);
            if (outcome.QuotaRefused)
            {
                return (existing ?? new RecordResult(), made, true);
            }

            made++;
            last = outcome;
            if (outcome.Succeeded)
            {
                return (new RecordResult
                {
                    BatchId = item.BatchId,
                    RecordId = item.RecordId,
                    Status = RecordStatus.Succeeded,
                    ModelOutput = outcome.ModelOutput,
                    Source = RecordSource.OnDemand,
                    Attempts = used + made,
                    Final = true,
                    InputTokens = outcome.InputTokens,
                    OutputTokens = outcome.OutputTokens,
                }, made, false);
            }

            if (outcome.ErrorCode == "ValidationException")
            {
                break;
            }
        }

        var reason = item.Reason ?? "queued for on-demand";
        if (last is not null)
        {
            reason += $"; on demand ({used + made} attempt(s)) {last.ErrorCode}: {last.ErrorMessage}";
        }

        return (new RecordResult
        {
            BatchId = item.BatchId,
            RecordId = item.RecordId,
            Status = RecordStatus.Failed,
            ErrorCode = last?.ErrorCode ?? existing?.ErrorCode ?? "NotRetried",
            ErrorMessage = reason,
            Source = last is null ? RecordSource.Batch : RecordSource.OnDemand,
            Attempts = used + made,
            Final = true,
        }, made, false);
    }

    private async IAsyncEnumerable<WorkItem> WorkAsync(RunInfo run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prefix = S3Location.Parse(run.Prefix, "run.prefix");
        var files = new List<S3Location> { prefix.Append("ondemand.jsonl") };
        await foreach (var file in _store.ListAsync(prefix.Append("retry/"), cancellationToken).ConfigureAwait(false))
        {
            files.Add(file);
        }

        foreach (var file in files)
        {
            await using var stream = await _store.OpenReadAsync(file, cancellationToken).ConfigureAwait(false);
            if (stream is null)
            {
                continue;
            }

            await foreach (var line in JsonlLineReader.ReadAsync(stream, _settings.Limits.MaxRecordBytes * 2, file + " ", cancellationToken).ConfigureAwait(false))
            {
                yield return WorkItem.Parse(line.Bytes.Span, $"{file} line {line.Number}");
            }
        }
    }
}
