namespace Serverless.Batch;

/// <summary>
/// Bedrock's batch inference limits that shape the shards (Bedrock quotas "Minimum/Maximum number of records per
/// batch inference job" and "Batch inference input file size"). Smaller values are for tests and local runs only.
/// </summary>
public sealed record BatchLimits
{
    /// <summary>Bedrock rejects a job with fewer records: such batches go through the on-demand path instead.</summary>
    public int MinRecordsPerJob { get; init; } = 100;

    public int MaxRecordsPerJob { get; init; } = 50_000;

    /// <summary>Largest input file of a job (1 GB).</summary>
    public long MaxBytesPerFile { get; init; } = 1_000_000_000;

    /// <summary>Largest single record line accepted (Bedrock's InvokeModel body limit is 25 MB).</summary>
    public int MaxRecordBytes { get; init; } = 25_000_000;

    public static BatchLimits Bedrock { get; } = new();

    internal void Validate()
    {
        if (MinRecordsPerJob < 1 || MaxRecordsPerJob < MinRecordsPerJob)
        {
            throw new ArgumentException($"BatchLimits: need 1 <= MinRecordsPerJob ({MinRecordsPerJob}) <= MaxRecordsPerJob ({MaxRecordsPerJob}).", nameof(MinRecordsPerJob));
        }

        if (MaxBytesPerFile < 1 || MaxRecordBytes < 1)
        {
            throw new ArgumentException("BatchLimits: MaxBytesPerFile and MaxRecordBytes must be positive.", nameof(MaxBytesPerFile));
        }
    }
}
