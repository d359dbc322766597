using System.Text.Json;

namespace Serverless.Batch.Contracts;

/// <summary>
/// The execution input (and so batch-prepare's input): a batch to run now, or <c>{"mode":"scheduled"}</c> to run
/// every deferred batch that is waiting. Records come inline (small batches from the API) or as a JSONL file in S3.
/// </summary>
public sealed class PrepareInput
{
    /// <summary>null or "batch": run the batch given here; "scheduled": collect the pending deferred batches.</summary>
    public string? Mode { get; set; }

    public string? BatchId { get; set; }

    public string? ModelId { get; set; }

    /// <summary>s3://bucket/key of a JSONL file of <c>{"recordId"?, "modelInput"}</c> lines.</summary>
    public string? InputUri { get; set; }

    /// <summary>Inline records, the same shape as the JSONL lines.</summary>
    public List<JsonElement>? Records { get; set; }

    /// <summary>InvokeModel (default: modelInput is the model's native body) or Converse.</summary>
    public string? ModelInvocationType { get; set; }

    /// <summary>The jobs' TimeoutDurationInHours (24 to 168).</summary>
    public int? TimeoutHours { get; set; }

    /// <summary>Optional SLA: jobs still running then are stopped and their unfinished records finished on demand.</summary>
    public DateTimeOffset? Deadline { get; set; }

    /// <summary>On-demand attempts per failed record (0 = no on-demand retry).</summary>
    public int? MaxOnDemandAttempts { get; set; }

    /// <summary>Who submitted the batch (the API's caller identity); recorded with the execution, not used by the steps.</summary>
    public string? CallerId { get; set; }
}

/// <summary>What every later step needs to know about the run (kept small: it travels in the state).</summary>
public sealed class RunInfo
{
    public string RunId { get; set; } = "";

    /// <summary>s3://bucket/prefix/runs/{runId}/ — every file of the run lives under it.</summary>
    public string Prefix { get; set; } = "";

    public string ModelInvocationType { get; set; } = "InvokeModel";

    public int TimeoutHours { get; set; }

    public DateTimeOffset? Deadline { get; set; }

    public int MaxOnDemandAttempts { get; set; }

    /// <summary>How many shards run at once (the Map state's MaxConcurrencyPath).</summary>
    public int MaxConcurrentJobs { get; set; }

    /// <summary>True when the run mixes batches: the recordIds sent to Bedrock are "{batchId}#{recordId}".</summary>
    public bool RecordIdsIncludeBatch { get; set; }

    public long Submitted { get; set; }

    public List<BatchCount> Batches { get; set; } = [];
}

public sealed class BatchCount
{
    public string BatchId { get; set; } = "";

    public string ModelId { get; set; } = "";

    public long Submitted { get; set; }
}

/// <summary>One Bedrock job's input file: within the job limits, one model.</summary>
public sealed class ShardInfo
{
    public string ShardId { get; set; } = "";

    public string ModelId { get; set; } = "";

    public string InputUri { get; set; } = "";

    /// <summary>The job's output prefix; Bedrock writes {outputUri}{jobId}/{input file}.out and manifest.json.out.</summary>
    public string OutputUri { get; set; } = "";

    public long RecordCount { get; set; }

    public long Bytes { get; set; }

    public string JobName { get; set; } = "";

    /// <summary>Derived from run and shard, so a retried CreateModelInvocationJob returns the same job.</summary>
    public string ClientRequestToken { get; set; } = "";
}

public sealed class PrepareOutput
{
    /// <summary>True when there is nothing to run (a scheduled run with no pending batch).</summary>
    public bool Empty { get; set; }

    public RunInfo? Run { get; set; }

    public List<ShardInfo> Shards { get; set; } = [];

    public OnDemandProgress OnDemand { get; set; } = new();
}
