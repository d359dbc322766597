using Serverless.LocalBedrock.Jobs.Common;
using Serverless.LocalBedrock.Jobs.Storage;
using Serverless.LocalBedrock.Jobs.Wire;

namespace Serverless.LocalBedrock.Jobs.Batch;

/// <summary>
/// One model invocation job: what was asked (immutable) and where it stands (changed only under its lock).
/// A stop or an expiry wins over the lifecycle: once requested, the lifecycle can no longer move the job on.
/// </summary>
internal sealed class BatchJob
{
    private readonly object _gate = new();
    private readonly CancellationTokenSource _end = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _status = BatchJobStatus.Submitted;
    private string? _message;
    private DateTimeOffset _lastModifiedTime;
    private DateTimeOffset? _endTime;
    private BatchRecordCounts? _counts;

    public BatchJob(string id, string arn, CreateModelInvocationJobRequest request, string requestFingerprint, int timeoutHours, DateTimeOffset submitTime, DateTimeOffset expirationTime)
    {
        Id = id;
        Arn = arn;
        Request = request;
        RequestFingerprint = requestFingerprint;
        TimeoutHours = timeoutHours;
        SubmitTime = submitTime;
        ExpirationTime = expirationTime;
        _lastModifiedTime = submitTime;
        InputUri = S3ObjectUri.Parse(request.InputDataConfig!.S3InputDataConfig!.S3Uri!);
        OutputUri = S3ObjectUri.Parse(request.OutputDataConfig!.S3OutputDataConfig!.S3Uri!);
    }

    public string Id { get; }

    public string Arn { get; }

    public CreateModelInvocationJobRequest Request { get; }

    /// <summary>The request as JSON, to tell a retry (same token, same request) from a conflicting reuse of the token.</summary>
    public string RequestFingerprint { get; }

    public string Name => Request.JobName!;

    public string ModelId => Request.ModelId!;

    public int TimeoutHours { get; }

    public DateTimeOffset SubmitTime { get; }

    public DateTimeOffset ExpirationTime { get; }

    public S3ObjectUri InputUri { get; }

    public S3ObjectUri OutputUri { get; }

    /// <summary>The job's own output folder: <c>{outputS3Uri}/{jobId}/</c>.</summary>
    public S3ObjectUri OutputFolder => OutputUri.Append(Id + "/");

    public StatusHistory History { get; } = new(BatchJobStatus.Submitted);

    /// <summary>Cancelled when the job is stopped or expires.</summary>
    public CancellationToken EndToken => _end.Token;

    /// <summary>Stopped or Expired once a stop or expiry was requested; null otherwise.</summary>
    public string? EndReason { get; private set; }

    /// <summary>Completes once a stopped or expired job has written its partial outputs and reports its end.</summary>
    public Task Ended => _ended.Task;

    /// <summary>Fires at <see cref="ExpirationTime"/>; disposed when the lifecycle ends.</summary>
    public ITimer? ExpiryTimer { get; set; }

    /// <summary>The Stopping phase's wait, armed when the stop is accepted.</summary>
    public Task StoppingDelay { get; private set; } = Task.CompletedTask;

    public string Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>Moves the lifecycle on; refused (as a cancellation) once a stop or expiry was requested.</summary>
    public void Enter(string status, DateTimeOffset now, BatchRecordCounts? counts = null, string? message = null)
    {
        lock (_gate)
        {
            if (EndReason is not null)
            {
                throw new OperationCanceledException(_end.Token);
            }

            Set(status, now, counts, message);
        }
    }

    /// <summary>Ends the job as stopped or expired (whichever was requested), after its partial outputs are written.</summary>
    public void FinishEnded(DateTimeOffset now, BatchRecordCounts? counts, string? message = null)
    {
        lock (_gate)
        {
            Set(EndReason ?? throw new InvalidOperationException("No stop or expiry was requested."), now, counts, message ?? _message);
        }

        _ended.TrySetResult();
    }

    /// <summary>Fails the job (validation, injected or internal fault) unless a stop or expiry already decided its end.</summary>
    public void Fail(string message, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (EndReason is null && !BatchJobStatus.IsTerminal(_status))
            {
                Set(BatchJobStatus.Failed, now, _counts, message);
            }
        }
    }

    /// <summary>Accepts a stop (status Stopping) or an expiry while the job is active; false when it is already past that.</summary>
    public bool TryRequestEnd(string reason, DateTimeOffset now, Func<Task>? armStoppingDelay = null)
    {
        lock (_gate)
        {
            if (!BatchJobStatus.IsActive(_status) || EndReason is not null)
            {
                return false;
            }

            EndReason = reason;
            if (reason == BatchJobStatus.Stopped)
            {
                StoppingDelay = armStoppingDelay?.Invoke() ?? Task.CompletedTask;
                Set(BatchJobStatus.Stopping, now, _counts, _message);
            }
        }

        _end.Cancel();
        return true;
    }

    public ModelInvocationJobDescription Describe()
    {
        lock (_gate)
        {
            return new ModelInvocationJobDescription
            {
                JobArn = Arn,
                JobName = Name,
                ModelId = ModelId,
                ClientRequestToken = Request.ClientRequestToken,
                RoleArn = Request.RoleArn!,
                Status = _status,
                Message = _message,
                SubmitTime = SubmitTime,
                LastModifiedTime = _lastModifiedTime,
                EndTime = _endTime,
                InputDataConfig = Request.InputDataConfig!,
                OutputDataConfig = Request.OutputDataConfig!,
                VpcConfig = Request.VpcConfig,
                TimeoutDurationInHours = TimeoutHours,
                JobExpirationTime = ExpirationTime,
                ModelInvocationType = Request.ModelInvocationType,
                TotalRecordCount = _counts?.Total,
                ProcessedRecordCount = _counts?.Processed,
                SuccessRecordCount = _counts?.Succeeded,
                ErrorRecordCount = _counts?.Failed,
            };
        }
    }

    private void Set(string status, DateTimeOffset now, BatchRecordCounts? counts, string? message)
    {
        _status = status;
        _message = message;
        _lastModifiedTime = now;
        _counts = counts ?? _counts;
        if (BatchJobStatus.IsTerminal(status))
        {
            _endTime = now;
        }

        History.Add(status);
    }
}

/// <summary>Record counts of a job as Bedrock reports them (GetModelInvocationJob and manifest.json.out).</summary>
internal sealed record BatchRecordCounts(long Total, long Processed, long Succeeded, long Failed, long InputTokens, long OutputTokens);
