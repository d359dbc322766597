using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Serverless.Batch.Storage;
using Serverless.BatchLocal;
using Serverless.Functions.Handlers.Batches;
using Serverless.LocalHost;

namespace Serverless.Local;

/// <summary>
/// The batch route of <c>./run.sh local</c> runs what it starts: each execution is the deployed state machine run by
/// aws-local-stepfunctions against the batch steps and a local Bedrock of its own (<see cref="LocalBatchStack"/>, the
/// same stack as <c>./run.sh batch</c>, started with the first batch), so <c>GET /v1/batch/{batchId}</c> goes from
/// RUNNING to SUCCEEDED with the run's summary, or FAILED with the error and cause. The records the route wrote to the
/// host's object store are copied into the stack's first. Names, ARNs and Step Functions' idempotency rules are the
/// <see cref="RecordingExecutionStarter"/>'s, which records every start; this class runs the ones that are new.
/// </summary>
public sealed class WorkflowExecutionStarter(IBatchObjectStore hostObjects, TimeProvider time, int waitMs = 100) : IBatchExecutionStarter, IAsyncDisposable
{
    private readonly RecordingExecutionStarter _starts = new(time);
    private readonly ConcurrentDictionary<string, LocalRun> _runs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _stackGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private LocalBatchStack? _stack;

    public async Task<BatchExecution> StartAsync(string name, string input, string? traceHeader, CancellationToken cancellationToken)
    {
        var started = await _starts.StartAsync(name, input, traceHeader, cancellationToken).ConfigureAwait(false);
        if (!started.AlreadyStarted)
        {
            var run = new LocalRun((await _starts.DescribeAsync(name, cancellationToken).ConfigureAwait(false))!);
            _runs[name] = run;
            // The execution runs on after the request that started it has been answered, as in Step Functions.
            run.Completion = Task.Run(() => RunAsync(run), CancellationToken.None);
        }

        return started;
    }

    public async Task<BatchExecutionStatus?> DescribeAsync(string name, CancellationToken cancellationToken)
        => _runs.TryGetValue(name, out var run) ? run.Describe() : await _starts.DescribeAsync(name, cancellationToken).ConfigureAwait(false);

    /// <summary>Completes when the execution of this name has ended (tests wait on it instead of polling).</summary>
    public Task WhenEndedAsync(string name) => _runs.TryGetValue(name, out var run) && run.Completion is { } completion ? completion : Task.CompletedTask;

    private async Task RunAsync(LocalRun run)
    {
        try
        {
            var stack = await StackAsync().ConfigureAwait(false);
            var input = JsonNode.Parse(run.Describe().Input) ?? new JsonObject();
            await CopyRecordsAsync(stack, (string?)input["inputUri"]).ConfigureAwait(false);
            var result = await stack.RunAsync(input, progress: null, _stopping.Token, waitMs, TimeSpan.FromHours(1)).ConfigureAwait(false);
            run.End(result.Ok ? "SUCCEEDED" : "FAILED", time.GetUtcNow(), result.Ok ? result.Output?.ToJsonString() : null, result.Error, result.Cause);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            run.End("ABORTED", time.GetUtcNow(), null, "LocalHostStopped", "The local host stopped while the execution ran.");
        }
        catch (Exception exception)
        {
            // Node missing (npm ci not run), the driver failing: the execution fails and says why, as Step Functions would.
            run.End("FAILED", time.GetUtcNow(), null, exception.GetType().Name, exception.Message);
        }
    }

    /// <summary>The route wrote the records to the host's store; the steps read them from the stack's.</summary>
    private async Task CopyRecordsAsync(LocalBatchStack stack, string? inputUri)
    {
        if (!S3Location.TryParse(inputUri, out var location))
        {
            return;
        }

        await using var source = await hostObjects.OpenReadAsync(location, _stopping.Token).ConfigureAwait(false);
        if (source is null)
        {
            return;
        }

        using var buffer = new MemoryStream();
        await source.CopyToAsync(buffer, _stopping.Token).ConfigureAwait(false);
        await stack.Services.ObjectStore.PutAsync(location, buffer.ToArray(), _stopping.Token).ConfigureAwait(false);
    }

    private async Task<LocalBatchStack> StackAsync()
    {
        await _stackGate.WaitAsync(_stopping.Token).ConfigureAwait(false);
        try
        {
            return _stack ??= await LocalBatchStack.StartAsync(new LocalBatchStackOptions { Time = time }, _stopping.Token).ConfigureAwait(false);
        }
        finally
        {
            _stackGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var run in _runs.Values)
        {
            if (run.Completion is { } completion)
            {
                await completion.ConfigureAwait(false);
            }
        }

        if (_stack is not null)
        {
            await _stack.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
        _stackGate.Dispose();
    }

    /// <summary>One execution's status: the recorder's RUNNING one until the run ends.</summary>
    private sealed class LocalRun(BatchExecutionStatus running)
    {
        private BatchExecutionStatus _status = running;

        public Task? Completion { get; set; }

        public BatchExecutionStatus Describe() => Volatile.Read(ref _status);

        public void End(string status, DateTimeOffset stoppedAt, string? output, string? error, string? cause)
            => Volatile.Write(ref _status, _status with { Status = status, StoppedAt = stoppedAt, Output = output, Error = error, Cause = cause });
    }
}
