namespace Serverless.LocalBedrock.Jobs;

/// <summary>Settings of the local batch-inference and async-invoke engine. Defaults mirror Bedrock's published quotas.</summary>
/// <remarks>
/// Settable rather than init-only: they are read from the local Bedrock's JSON configuration, and source-generated
/// System.Text.Json resets every init-only member that the file leaves out to default(T) instead of keeping the default.
/// </remarks>
public sealed class LocalJobsOptions
{
    /// <summary>Region written into job and invocation ARNs.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Account id written into ARNs (12 digits).</summary>
    public string AccountId { get; set; } = "123456789012";

    /// <summary>Jobs per model that may be Submitted, Validating, Scheduled or InProgress at once; one more is refused with ServiceQuotaExceededException.</summary>
    public int MaxActiveJobsPerModel { get; set; } = 20;

    /// <summary>Bedrock refuses (fails at validation) a job with fewer records than this.</summary>
    public int MinRecordsPerJob { get; set; } = 100;

    /// <summary>Bedrock fails (at validation) a job with more records than this.</summary>
    public int MaxRecordsPerJob { get; set; } = 50_000;

    /// <summary>How many records of one job are sent to the model invoker at the same time.</summary>
    public int MaxConcurrentRecords { get; set; } = 4;

    /// <summary>Used when a create request leaves timeoutDurationInHours out.</summary>
    public int DefaultTimeoutDurationInHours { get; set; } = 168;

    /// <summary>How long a batch job stays in each status (at least; the work of the status may take longer).</summary>
    public BatchPhaseDurations Phases { get; set; } = new();

    /// <summary>Minimum time an async invocation stays InProgress.</summary>
    public TimeSpan AsyncInvokeDuration { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Factor applied to every simulated duration (phases, async invocations and the job timeout), so a local run can
    /// play a 24-hour timeout in seconds: 0.001 turns 24 h into 86.4 s. 1 keeps real durations.
    /// </summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>Injected failures.</summary>
    public JobFaultOptions Faults { get; set; } = new();

    /// <summary>Seeds the id generator and every fault decision, so a run repeats exactly.</summary>
    public int Seed { get; set; } = 1;

    internal void Validate()
    {
        if (AccountId.Length != 12 || !AccountId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("AccountId must be 12 digits.", nameof(AccountId));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxActiveJobsPerModel, 1, nameof(MaxActiveJobsPerModel));
        ArgumentOutOfRangeException.ThrowIfNegative(MinRecordsPerJob, nameof(MinRecordsPerJob));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRecordsPerJob, MinRecordsPerJob, nameof(MaxRecordsPerJob));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentRecords, 1, nameof(MaxConcurrentRecords));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(TimeScale, nameof(TimeScale));
        Faults.Validate();
    }
}

/// <summary>Time a batch job spends in each status before it moves on.</summary>
public sealed class BatchPhaseDurations
{
    public TimeSpan Submitted { get; set; } = TimeSpan.Zero;

    public TimeSpan Validating { get; set; } = TimeSpan.Zero;

    public TimeSpan Scheduled { get; set; } = TimeSpan.Zero;

    public TimeSpan InProgress { get; set; } = TimeSpan.Zero;

    public TimeSpan Stopping { get; set; } = TimeSpan.Zero;
}

/// <summary>Failures the engine injects; every decision comes from <see cref="LocalJobsOptions.Seed"/>, so it is repeatable.</summary>
public sealed class JobFaultOptions
{
    /// <summary>Share (0..1) of batch records that get an error line instead of a model output.</summary>
    public double FailedRecordRate { get; set; }

    /// <summary>errorCode of an injected record failure (HTTP-like, as Bedrock writes it).</summary>
    public int FailedRecordErrorCode { get; set; } = 500;

    public string FailedRecordErrorMessage { get; set; } = "Internal server error while processing the record (injected fault).";

    /// <summary>Jobs whose name matches this regular expression fail as a whole once they are InProgress.</summary>
    public string? FailJobNamePattern { get; set; }

    /// <summary>Share (0..1) of jobs that fail as a whole once they are InProgress.</summary>
    public double FailedJobRate { get; set; }

    public string FailedJobMessage { get; set; } = "Internal error: the batch inference job could not be completed (injected fault).";

    /// <summary>Share (0..1) of async invocations that end Failed.</summary>
    public double FailedAsyncInvokeRate { get; set; }

    internal void Validate()
    {
        if (FailedRecordRate is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(FailedRecordRate), FailedRecordRate, "must be between 0 and 1");
        }

        if (FailedJobRate is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(FailedJobRate), FailedJobRate, "must be between 0 and 1");
        }

        if (FailedAsyncInvokeRate is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(FailedAsyncInvokeRate), FailedAsyncInvokeRate, "must be between 0 and 1");
        }
    }
}
