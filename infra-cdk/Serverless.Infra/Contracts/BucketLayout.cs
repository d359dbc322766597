namespace Serverless.Infra.Contracts;

/// <summary>
/// Where things live in the stack's one bucket. Every IAM statement on the bucket names one of these prefixes, so a
/// function or the Bedrock batch role can touch only its part.
/// </summary>
public static class BucketLayout
{
    /// <summary>The batch workflow's work prefix (BatchSettings.WorkPrefix): runs/{runId}/... below it.</summary>
    public const string Batch = "batch/";

    /// <summary>Batch input uploaded by callers or written by the batch route for deferred batches.</summary>
    public const string BatchIncoming = "batch/incoming/";

    /// <summary>A run's files: input/ shards, output/ job results, ondemand.jsonl, retry/, results/, summary.json.</summary>
    public const string BatchRuns = "batch/runs/";

    /// <summary>StartAsyncInvoke outputs.</summary>
    public const string AsyncOutput = "async/";

    /// <summary>Shard inputs Bedrock reads: batch/runs/{runId}/input/sNNNN.jsonl.</summary>
    public const string BatchJobInputPattern = "batch/runs/*/input/*";

    /// <summary>Job outputs Bedrock writes: batch/runs/{runId}/output/sNNNN/{jobId}/....</summary>
    public const string BatchJobOutputPattern = "batch/runs/*/output/*";
}
