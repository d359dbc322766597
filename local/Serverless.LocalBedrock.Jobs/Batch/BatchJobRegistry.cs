using System.Text.Json;
using Serverless.LocalBedrock.Jobs.Common;
using Serverless.LocalBedrock.Jobs.Wire;

namespace Serverless.LocalBedrock.Jobs.Batch;

/// <summary>The batch jobs of one local Bedrock: create (idempotent, within the per-model quota), get, list, stop, and their running lifecycles.</summary>
internal sealed class BatchJobRegistry(
    LocalJobsOptions options,
    ResourceClock clock,
    SeededIds ids,
    Func<string, bool> isKnownModel,
    BatchJobLifecycle lifecycle) : IAsyncDisposable
{

    private readonly object _gate = new();
    private readonly List<BatchJob> _jobs = [];
    private readonly Dictionary<string, BatchJob> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BatchJob> _byToken = new(StringComparer.Ordinal);
    private readonly List<Task> _lifecycles = [];
    private readonly CancellationTokenSource _shutdown = new();
    private readonly SeededIds _recordIds = new(unchecked(options.Seed * 31 + 7));

    public CreateModelInvocationJobResponse Create(CreateModelInvocationJobRequest request)
    {
        CreateJobValidator.Validate(request, isKnownModel);
        var fingerprint = JsonSerializer.Serialize(request, JobsJsonContext.Default.CreateModelInvocationJobRequest);
        BatchJob job;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_shutdown.IsCancellationRequested, this);
            if (request.ClientRequestToken is { } token && _byToken.TryGetValue(token, out var earlier))
            {
                return earlier.RequestFingerprint == fingerprint
                    ? new CreateModelInvocationJobResponse(earlier.Arn)
                    : throw JobsApiException.Conflict($"The clientRequestToken '{token}' was already used for job {earlier.Arn} with different parameters.");
            }

            var active = _jobs.Count(j => j.ModelId == request.ModelId && BatchJobStatus.IsActive(j.Status));
            if (active >= options.MaxActiveJobsPerModel)
            {
                throw JobsApiException.QuotaExceeded(
                    $"The model {request.ModelId} already has {active} batch inference jobs submitted or in progress; the quota is {options.MaxActiveJobsPerModel} per model. Wait for a job to end or stop one.");
            }

            var id = ids.Next();
            var now = clock.Now;
            var hours = request.TimeoutDurationInHours ?? options.DefaultTimeoutDurationInHours;
            var expiration = now + clock.Scale(TimeSpan.FromHours(hours));
            job = new BatchJob(id, $"arn:aws:bedrock:{options.Region}:{options.AccountId}:model-invocation-job/{id}", request, fingerprint, hours, now, expiration);
            _jobs.Add(job);
            _byId.Add(id, job);
            if (request.ClientRequestToken is { } newToken)
            {
                _byToken.Add(newToken, job);
            }

            job.ExpiryTimer = clock.Time.CreateTimer(
                static state => ((Action)state!)(),
                (Action)(() => job.TryRequestEnd(BatchJobStatus.Expired, clock.Now)),
                expiration - now,
                Timeout.InfiniteTimeSpan);
        }

        // Started outside the lock: with zero-length phases the lifecycle validates the input before its first await.
        // Its first timer is armed before RunAsync returns, so a caller seeing the new job can advance the clock at once.
        var run = lifecycle.RunAsync(job, _recordIds.NextRecordId, _shutdown.Token);
        lock (_gate)
        {
            _lifecycles.RemoveAll(t => t.IsCompleted);
            _lifecycles.Add(run);
        }

        return new CreateModelInvocationJobResponse(job.Arn);
    }

    public ModelInvocationJobDescription Get(string jobIdentifier) => Find(jobIdentifier).Describe();

    /// <summary>
    /// As <see cref="Get"/>, but a job whose timeout has passed is described once it has ended: the expiry fires on the
    /// clock, and the job then writes what it finished before it reports Expired. Bedrock reports such a job Expired, so
    /// an API read waits out that moment instead of answering InProgress.
    /// </summary>
    public async Task<ModelInvocationJobDescription> GetAsync(string jobIdentifier, CancellationToken cancellationToken)
    {
        var job = Find(jobIdentifier);
        if (job.EndReason == BatchJobStatus.Expired)
        {
            await job.Ended.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return job.Describe();
    }

    public void Stop(string jobIdentifier)
    {
        var job = Find(jobIdentifier);
        if (!job.TryRequestEnd(BatchJobStatus.Stopped, clock.Now, () => clock.Delay(options.Phases.Stopping, _shutdown.Token)))
        {
            throw JobsApiException.Conflict(
                $"The job {job.Arn} is {job.Status}; only a Submitted, Validating, Scheduled or InProgress job can be stopped.");
        }
    }

    public Task WaitForStatusAsync(string jobIdentifier, string status, CancellationToken cancellationToken)
        => Find(jobIdentifier).History.WaitForAsync(status, cancellationToken);

    public IReadOnlyList<string> StatusHistory(string jobIdentifier) => Find(jobIdentifier).History.Visited;

    public ListModelInvocationJobsResponse List(ModelInvocationJobQuery query)
    {
        var pageSize = SubmitTimeListing.Validate(query.StatusEquals, BatchJobStatus.All, query.SortBy, "CreationTime", query.SortOrder, query.MaxResults);
        if (query.NameContains is { } name)
        {
            MemberRules.Length(name, "nameContains", 1, 63);
        }

        List<BatchJob> snapshot;
        lock (_gate)
        {
            snapshot = [.. _jobs];
        }

        var described = snapshot
            .Select(j => j.Describe())
            .Where(d => query.NameContains is null || d.JobName.Contains(query.NameContains, StringComparison.Ordinal))
            .ToList();
        var (page, nextToken) = SubmitTimeListing.Page(
            described, d => d.Status, d => d.SubmitTime,
            query.StatusEquals, query.SubmitTimeAfter, query.SubmitTimeBefore, query.SortOrder, query.NextToken, pageSize);
        return new ListModelInvocationJobsResponse(page, nextToken);
    }

    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (_gate)
        {
            if (_shutdown.IsCancellationRequested)
            {
                return;
            }

            _shutdown.Cancel();
            running = [.. _lifecycles];
            foreach (var job in _jobs)
            {
                job.ExpiryTimer?.Dispose();
            }
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        _shutdown.Dispose();
    }

    private BatchJob Find(string jobIdentifier)
    {
        MemberRules.Length(jobIdentifier, "jobIdentifier", 0, 1011);
        MemberRules.Pattern(jobIdentifier, "jobIdentifier", ShapePatterns.JobIdentifier());
        var id = jobIdentifier[^12..];
        lock (_gate)
        {
            if (_byId.TryGetValue(id, out var job) && (jobIdentifier.Length == 12 || jobIdentifier == job.Arn))
            {
                return job;
            }
        }

        throw JobsApiException.NotFound($"No model invocation job has the identifier {jobIdentifier}.");
    }
}
