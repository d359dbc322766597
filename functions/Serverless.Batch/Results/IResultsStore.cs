namespace Serverless.Batch.Results;

/// <summary>
/// Record outcomes keyed by (batchId, recordId), so writing the same record again replaces it: a retried fan-out
/// or retry pass never produces a second result. A success is never replaced by a failure.
/// </summary>
public interface IResultsStore
{
    /// <summary>Writes one result unless a success is already stored and this one is a failure; true when written.</summary>
    ValueTask<bool> PutAsync(RecordResult result, CancellationToken cancellationToken);

    /// <summary>Writes many results of a job's output at once (the fan-out's path). Same keys, same replacement rule.</summary>
    ValueTask PutManyAsync(IReadOnlyList<RecordResult> results, CancellationToken cancellationToken);

    ValueTask<RecordResult?> GetAsync(string batchId, string recordId, CancellationToken cancellationToken);

    /// <summary>Every result of the batch in recordId order.</summary>
    IAsyncEnumerable<RecordResult> ListAsync(string batchId, CancellationToken cancellationToken);

    ValueTask<ResultCounts> CountAsync(string batchId, CancellationToken cancellationToken);
}
