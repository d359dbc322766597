namespace Serverless.Batch.Pending;

/// <summary>A batch the API accepted with <c>deferred: true</c>: its records are already in S3, waiting for the scheduled run.</summary>
public sealed class PendingBatch
{
    public string BatchId { get; set; } = "";

    public string ModelId { get; set; } = "";

    /// <summary>s3:// URI of the batch's JSONL records.</summary>
    public string InputUri { get; set; } = "";

    public DateTimeOffset EnqueuedAt { get; set; }
}

/// <summary>Where deferred batches wait. Claiming removes them, so two scheduled runs never take the same batch.</summary>
public interface IPendingBatchStore
{
    ValueTask EnqueueAsync(PendingBatch batch, CancellationToken cancellationToken);

    /// <summary>Removes and returns every waiting batch (oldest first) that this caller managed to claim.</summary>
    ValueTask<IReadOnlyList<PendingBatch>> ClaimAllAsync(CancellationToken cancellationToken);
}
