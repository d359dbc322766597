using Serverless.Batch.Jobs;

namespace Serverless.Batch;

/// <summary>The workflow's configuration (environment variables in Lambda, see <see cref="BatchSettingsReader"/>).</summary>
public sealed record BatchSettings
{
    /// <summary>s3://bucket/prefix/ under which every run keeps its files (runs/{runId}/...).</summary>
    public string WorkPrefix { get; init; } = "";

    public BatchLimits Limits { get; init; } = BatchLimits.Bedrock;

    /// <summary>Jobs' TimeoutDurationInHours when the input names none (Bedrock: 24 to 168).</summary>
    public int DefaultTimeoutHours { get; init; } = 24;

    /// <summary>Shards the Map state runs at once.</summary>
    public int MaxConcurrentJobs { get; init; } = 10;

    public int DefaultMaxOnDemandAttempts { get; init; } = 3;

    /// <summary>Records the retry step sends on demand at once (the ledger still decides when each may go).</summary>
    public int OnDemandConcurrency { get; init; } = 4;

    /// <summary>How long one retry pass may work before it hands back (below the Lambda timeout).</summary>
    public TimeSpan RetryPassBudget { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest an on-demand call waits in line at the ledger before that attempt counts as failed.</summary>
    public TimeSpan OnDemandMaxQuotaWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>maxTokens reserved when a record's modelInput names none.</summary>
    public int DefaultMaxTokens { get; init; } = 4096;

    public PollPlanSettings Polling { get; init; } = new();

    internal void Validate()
    {
        if (!Storage.S3Location.TryParse(WorkPrefix, out _))
        {
            throw new ArgumentException($"BatchSettings.WorkPrefix: '{WorkPrefix}' is not an s3://bucket/prefix URI.", nameof(WorkPrefix));
        }

        Limits.Validate();
        if (DefaultTimeoutHours is < 24 or > 168)
        {
            throw new ArgumentException($"BatchSettings.DefaultTimeoutHours: must be 24 to 168 (was {DefaultTimeoutHours}).", nameof(DefaultTimeoutHours));
        }

        if (MaxConcurrentJobs < 1 || OnDemandConcurrency < 1 || DefaultMaxOnDemandAttempts < 0)
        {
            throw new ArgumentException("BatchSettings: MaxConcurrentJobs and OnDemandConcurrency must be positive, DefaultMaxOnDemandAttempts not negative.", nameof(MaxConcurrentJobs));
        }
    }
}
