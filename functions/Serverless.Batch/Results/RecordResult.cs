namespace Serverless.Batch.Results;

/// <summary>The outcome of one input record, keyed by batch and recordId: exactly one per record.</summary>
public sealed class RecordResult
{
    public string BatchId { get; set; } = "";

    public string RecordId { get; set; } = "";

    /// <summary><see cref="RecordStatus.Succeeded"/> or <see cref="RecordStatus.Failed"/>.</summary>
    public string Status { get; set; } = RecordStatus.Failed;

    /// <summary>The model's response (JSON text) when succeeded.</summary>
    public string? ModelOutput { get; set; }

    public string? ErrorCode { get; set; }

    /// <summary>Why the record failed (the reason reported in the failed list).</summary>
    public string? ErrorMessage { get; set; }

    /// <summary>"batch" (from a job's output) or "on-demand".</summary>
    public string Source { get; set; } = RecordSource.Batch;

    /// <summary>On-demand attempts made for this record.</summary>
    public int Attempts { get; set; }

    /// <summary>False while a failed record still waits for its on-demand retry.</summary>
    public bool Final { get; set; }

    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }

    public bool IsSucceeded => Status == RecordStatus.Succeeded;
}

public static class RecordStatus
{
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
}

public static class RecordSource
{
    public const string Batch = "batch";
    public const string OnDemand = "on-demand";
}

/// <summary>Records of a batch by outcome.</summary>
public readonly record struct ResultCounts(long Succeeded, long Failed)
{
    public long Total => Succeeded + Failed;
}
