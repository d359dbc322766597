namespace Serverless.Functions.Handlers.Batches;

/// <summary>A validated POST /v1/batch body.</summary>
internal sealed record BatchRequest
{
    public required string ModelId { get; init; }

    /// <summary>The inline records as JSONL (one compact record per line); null when the records are in S3.</summary>
    public ReadOnlyMemory<byte>? RecordsJsonl { get; init; }

    /// <summary>s3://bucket/key of the caller's JSONL file; null when the records came inline.</summary>
    public string? InputS3Uri { get; init; }

    public bool Deferred { get; init; }

    public string? ModelInvocationType { get; init; }

    public int? TimeoutHours { get; init; }

    public DateTimeOffset? Deadline { get; init; }

    public int? MaxOnDemandAttempts { get; init; }
}
