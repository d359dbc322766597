using Serverless.LocalBedrock.Jobs.AsyncInvoke;
using Serverless.LocalBedrock.Jobs.Batch;
using Serverless.LocalBedrock.Jobs.Common;
using Serverless.LocalBedrock.Jobs.Contracts;
using Serverless.LocalBedrock.Jobs.Storage;
using Serverless.LocalBedrock.Jobs.Wire;

namespace Serverless.LocalBedrock.Jobs;

/// <summary>
/// The local Bedrock's batch inference (model invocation jobs) and async invoke, run in the background on the
/// injected clock. Operations throw <see cref="JobsApiException"/> for what Bedrock would refuse;
/// <see cref="Http.LocalBedrockJobsEndpoints.MapLocalBedrockJobs"/> serves them over HTTP. Disposing stops all background work.
/// </summary>
public sealed class LocalJobsService : IAsyncDisposable
{
    private readonly BatchJobRegistry _jobs;
    private readonly AsyncInvokeRegistry _asyncInvokes;

    public LocalJobsService(LocalJobsOptions options, IObjectStore store, IModelInvoker invoker, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();

        var clock = new ResourceClock(timeProvider, options.TimeScale);
        var ids = new SeededIds(options.Seed);
        var dice = new FaultDice(options.Seed);
        var lifecycle = new BatchJobLifecycle(
            clock,
            options.Phases,
            new BatchInputLoader(store, options.MinRecordsPerJob, options.MaxRecordsPerJob),
            new BatchRecordProcessor(invoker, dice, options.Faults, options.MaxConcurrentRecords),
            new BatchOutputWriter(store),
            dice,
            options.Faults);
        _jobs = new BatchJobRegistry(options, clock, ids, invoker.IsKnownModel, lifecycle);
        _asyncInvokes = new AsyncInvokeRegistry(
            options,
            clock,
            ids,
            invoker.IsKnownModel,
            new AsyncInvokeRunner(clock, options.AsyncInvokeDuration, invoker, store, dice, options.Faults));
    }

    public CreateModelInvocationJobResponse CreateModelInvocationJob(CreateModelInvocationJobRequest request) => _jobs.Create(request);

    /// <summary>The job by its ARN or its 12-character id.</summary>
    public ModelInvocationJobDescription GetModelInvocationJob(string jobIdentifier) => _jobs.Get(jobIdentifier);

    /// <summary>What the API answers: as <see cref="GetModelInvocationJob"/>, once an expiring job has ended.</summary>
    public Task<ModelInvocationJobDescription> GetModelInvocationJobAsync(string jobIdentifier, CancellationToken cancellationToken)
        => _jobs.GetAsync(jobIdentifier, cancellationToken);

    public ListModelInvocationJobsResponse ListModelInvocationJobs(ModelInvocationJobQuery query) => _jobs.List(query);

    public void StopModelInvocationJob(string jobIdentifier) => _jobs.Stop(jobIdentifier);

    /// <summary>Completes once the job has reached <paramref name="status"/> (at once if it already passed through it).</summary>
    public Task WaitForJobStatusAsync(string jobIdentifier, string status, CancellationToken cancellationToken)
        => _jobs.WaitForStatusAsync(jobIdentifier, status, cancellationToken);

    /// <summary>Every status the job has been in, in order.</summary>
    public IReadOnlyList<string> GetJobStatusHistory(string jobIdentifier) => _jobs.StatusHistory(jobIdentifier);

    public StartAsyncInvokeResponse StartAsyncInvoke(StartAsyncInvokeRequest request) => _asyncInvokes.Start(request);

    public AsyncInvokeDescription GetAsyncInvoke(string invocationArn) => _asyncInvokes.Get(invocationArn);

    public ListAsyncInvokesResponse ListAsyncInvokes(AsyncInvokeQuery query) => _asyncInvokes.List(query);

    /// <summary>Completes once the invocation has reached <paramref name="status"/>.</summary>
    public Task WaitForAsyncInvokeStatusAsync(string invocationArn, string status, CancellationToken cancellationToken)
        => _asyncInvokes.WaitForStatusAsync(invocationArn, status, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _jobs.DisposeAsync().ConfigureAwait(false);
        await _asyncInvokes.DisposeAsync().ConfigureAwait(false);
    }
}
