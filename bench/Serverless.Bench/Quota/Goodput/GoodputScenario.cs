namespace Serverless.Bench.Quota.Goodput;

/// <summary>
/// One simulated workload against one model's quota: who arrives when (Poisson arrivals at a fixed rate, seeded),
/// how big each request is, how slow the local Bedrock answers, and for how long load is offered.
/// </summary>
public sealed record GoodputScenario
{
    public required string Name { get; init; }

    public string ModelId { get; init; } = "anthropic.claude-3-haiku-20240307-v1:0";

    public required int RequestsPerMinute { get; init; }

    public required long TokensPerMinute { get; init; }

    /// <summary>Arrivals per simulated minute (the benchmark picks 3× what the binding quota admits).</summary>
    public required double OfferedRequestsPerMinute { get; init; }

    /// <summary>The local Bedrock's latency multiplier: 0 answers at once, 1 is the model's configured speed.</summary>
    public required double TimeScale { get; init; }

    public required int PromptWordsMin { get; init; }

    public required int PromptWordsMax { get; init; }

    public required int AnswerWordsMin { get; init; }

    public required int AnswerWordsMax { get; init; }

    public required int MaxTokens { get; init; }

    /// <summary>How long load is offered; admissions after it are not counted, the run continues until every request is done.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Goodput is averaged over whole minutes from this one on (the first minute starts from an empty window).</summary>
    public int SteadyStateFromMinute { get; init; } = 1;

    /// <summary>Clock steps are rounded up to this grid; events inside one step happen at its end, for both the ledger and Bedrock.</summary>
    public TimeSpan Resolution { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The ledger's usage bucket width (its default unless set; sustained throughput is at least 60 / (60 + width) of the quota).</summary>
    public TimeSpan LedgerBucketWidth { get; init; } = new Serverless.Quota.QuotaLedgerOptions().BucketWidth;

    /// <summary>How long a ledger caller waits in line for capacity before giving up.</summary>
    public TimeSpan LedgerMaxWait { get; init; } = TimeSpan.FromSeconds(30);

    public RetryPolicy Backoff { get; init; } = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(20), 8);

    public int Seed { get; init; } = 20260101;
}

/// <summary>Exponential backoff with full jitter: before attempt n+1 wait uniform [0, min(Cap, Base × 2^(n-1))).</summary>
public sealed record RetryPolicy(TimeSpan Base, TimeSpan Cap, int MaxAttempts)
{
    public TimeSpan Delay(int failedAttempts, Random random)
    {
        var ceiling = Math.Min(Cap.TotalMilliseconds, Base.TotalMilliseconds * Math.Pow(2, failedAttempts - 1));
        return TimeSpan.FromMilliseconds(random.NextDouble() * ceiling);
    }
}
