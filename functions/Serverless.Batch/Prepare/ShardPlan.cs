namespace Serverless.Batch.Prepare;

/// <summary>
/// How one model's records are cut into job files: none when there are fewer than Bedrock's minimum (they go
/// on demand); otherwise the fewest shards that respect the record and byte limits, with records spread evenly so
/// no shard falls below the minimum (a byte cut can still leave a short last shard; Bedrock then fails that job
/// and its records are finished on demand like any failed record).
/// </summary>
internal readonly record struct ShardPlan(bool OnDemandOnly, long RecordsPerShard, long MaxBytes)
{
    public static ShardPlan For(long records, long bytes, BatchLimits limits)
    {
        if (records < limits.MinRecordsPerJob)
        {
            return new ShardPlan(true, 0, limits.MaxBytesPerFile);
        }

        var byCount = (records + limits.MaxRecordsPerJob - 1) / limits.MaxRecordsPerJob;
        var byBytes = (bytes + limits.MaxBytesPerFile - 1) / limits.MaxBytesPerFile;
        var shards = Math.Max(1, Math.Max(byCount, byBytes));
        return new ShardPlan(false, (records + shards - 1) / shards, limits.MaxBytesPerFile);
    }
}
