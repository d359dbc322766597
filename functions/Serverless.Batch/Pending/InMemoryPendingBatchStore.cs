using System.Collections.Concurrent;

namespace Serverless.Batch.Pending;

public sealed class InMemoryPendingBatchStore : IPendingBatchStore
{
    private readonly ConcurrentDictionary<string, PendingBatch> _batches = new(StringComparer.Ordinal);

    public ValueTask EnqueueAsync(PendingBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        _batches[batch.BatchId] = batch;
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<PendingBatch>> ClaimAllAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var claimed = new List<PendingBatch>();
        foreach (var id in _batches.Keys)
        {
            if (_batches.TryRemove(id, out var batch))
            {
                claimed.Add(batch);
            }
        }

        return ValueTask.FromResult<IReadOnlyList<PendingBatch>>(claimed.OrderBy(b => b.EnqueuedAt).ThenBy(b => b.BatchId, StringComparer.Ordinal).ToList());
    }
}
