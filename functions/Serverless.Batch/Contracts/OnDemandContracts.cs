namespace Serverless.Batch.Contracts;

public sealed class RetryInput
{
    public RunInfo Run { get; set; } = new();

    /// <summary>The previous pass's progress (the step loops while <see cref="OnDemandProgress.Remaining"/> &gt; 0).</summary>
    public OnDemandProgress? Previous { get; set; }
}

/// <summary>On-demand work of the run so far (cumulative over the retry step's passes).</summary>
public sealed class OnDemandProgress
{
    /// <summary>Records still to finish when the pass ended (its time budget ran out first).</summary>
    public long Remaining { get; set; }

    public int Passes { get; set; }

    /// <summary>Bedrock calls made.</summary>
    public long Attempts { get; set; }

    public long Succeeded { get; set; }

    /// <summary>Records that failed every attempt (final).</summary>
    public long Failed { get; set; }

    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }
}

public sealed class SummarizeInput
{
    public RunInfo Run { get; set; } = new();

    public List<FanOutOutput>? Shards { get; set; }

    public OnDemandProgress? OnDemand { get; set; }
}

/// <summary>The run's outcome; also the detail of the completion event.</summary>
public sealed class BatchSummary
{
    public string RunId { get; set; } = "";

    public long Submitted { get; set; }

    public long Succeeded { get; set; }

    public long Failed { get; set; }

    /// <summary>Submitted records with no result at all: 0 unless something is broken.</summary>
    public long Unaccounted { get; set; }

    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }

    public Dictionary<string, int> Jobs { get; set; } = [];

    public long OnDemandSucceeded { get; set; }

    public List<BatchOutcome> Batches { get; set; } = [];

    public string SummaryUri { get; set; } = "";
}

public sealed class BatchOutcome
{
    public string BatchId { get; set; } = "";

    public string ModelId { get; set; } = "";

    public long Submitted { get; set; }

    public long Succeeded { get; set; }

    public long Failed { get; set; }

    /// <summary>s3:// URI of the batch's results file (one JSON line per record).</summary>
    public string ResultsUri { get; set; } = "";
}
