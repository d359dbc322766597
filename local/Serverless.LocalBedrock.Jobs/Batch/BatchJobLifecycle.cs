using System.Text.RegularExpressions;
using Serverless.LocalBedrock.Jobs.Common;
using Serverless.LocalBedrock.Jobs.Contracts;

namespace Serverless.LocalBedrock.Jobs.Batch;

/// <summary>
/// Drives one job through Submitted → Validating → Scheduled → InProgress → Completed / PartiallyCompleted / Failed,
/// or to Stopped / Expired when a stop or the timeout cuts in. Each phase's timer is armed before the status is
/// published, so tests on a manual clock can wait for a status and then advance time without racing the job.
/// </summary>
internal sealed class BatchJobLifecycle(
    ResourceClock clock,
    BatchPhaseDurations phases,
    BatchInputLoader loader,
    BatchRecordProcessor processor,
    BatchOutputWriter writer,
    FaultDice dice,
    JobFaultOptions faults)
{
    private readonly Regex? _failJobName = faults.FailJobNamePattern is { } pattern ? new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1)) : null;

    public async Task RunAsync(BatchJob job, Func<string> newRecordId, CancellationToken shutdown)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(shutdown, job.EndToken);
        var token = linked.Token;
        BatchInput? input = null;
        ModelInvocationResult?[][]? results = null;
        try
        {
            await clock.Delay(phases.Submitted, token).ConfigureAwait(false);

            var validatingEnd = clock.Delay(phases.Validating, token);
            job.Enter(BatchJobStatus.Validating, clock.Now);
            var loaded = await loader.LoadAsync(job.InputUri, newRecordId, token).ConfigureAwait(false);
            await validatingEnd.ConfigureAwait(false);
            if (loaded.FailureMessage is { } invalid)
            {
                job.Fail(invalid, clock.Now);
                return;
            }

            var scheduledEnd = clock.Delay(phases.Scheduled, token);
            job.Enter(BatchJobStatus.Scheduled, clock.Now, new BatchRecordCounts(loaded.RecordCount, 0, 0, 0, 0, 0));
            await scheduledEnd.ConfigureAwait(false);

            var inProgressEnd = clock.Delay(phases.InProgress, token);
            (input, results) = (loaded, BatchRecordProcessor.NewResults(loaded));
            job.Enter(BatchJobStatus.InProgress, clock.Now);
            if (FailsAsAWhole(job))
            {
                await inProgressEnd.ConfigureAwait(false);
                job.Fail(faults.FailedJobMessage, clock.Now);
                return;
            }

            await processor.ProcessAsync(job.Id, job.ModelId, input, results, token).ConfigureAwait(false);
            await inProgressEnd.ConfigureAwait(false);
            var counts = await writer.WriteAsync(job, input, results, token).ConfigureAwait(false);
            job.Enter(counts.Failed > 0 ? BatchJobStatus.PartiallyCompleted : BatchJobStatus.Completed, clock.Now, counts);
        }
        catch (OperationCanceledException) when (job.EndReason is not null && !shutdown.IsCancellationRequested)
        {
            await EndAsync(job, input, results, shutdown).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // The service is shutting down; the job stays as it was.
        }
        catch (Exception e)
        {
            job.Fail("Internal error while running the job: " + e.Message, clock.Now);
        }
        finally
        {
            job.ExpiryTimer?.Dispose();
        }
    }

    /// <summary>Stopped or expired: records finished so far are written (as Bedrock does), then the job ends.</summary>
    private async Task EndAsync(BatchJob job, BatchInput? input, ModelInvocationResult?[][]? results, CancellationToken shutdown)
    {
        try
        {
            BatchRecordCounts? counts = null;
            if (input is not null && results is not null)
            {
                counts = await writer.WriteAsync(job, input, results, shutdown).ConfigureAwait(false);
            }

            if (job.EndReason == BatchJobStatus.Stopped)
            {
                await job.StoppingDelay.WaitAsync(shutdown).ConfigureAwait(false);
            }

            job.FinishEnded(clock.Now, counts);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception e)
        {
            job.FinishEnded(clock.Now, null, "The results finished before the job ended could not be written: " + e.Message);
        }
    }

    private bool FailsAsAWhole(BatchJob job)
        => (_failJobName?.IsMatch(job.Name) ?? false) || dice.Roll(faults.FailedJobRate, "job:" + job.Id, 0);
}
