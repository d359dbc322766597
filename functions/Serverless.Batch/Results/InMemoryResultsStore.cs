using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Serverless.Batch.Results;

/// <summary>Results in process memory (tests, benchmarks, local runs), with the DynamoDB store's rules.</summary>
public sealed class InMemoryResultsStore : IResultsStore
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, RecordResult>> _batches = new(StringComparer.Ordinal);
    private long _writes;

    /// <summary>Results written, counting replacements: tests compare it with the distinct count.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    public ValueTask<bool> PutAsync(RecordResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Put(result));
    }

    public ValueTask PutManyAsync(IReadOnlyList<RecordResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var result in results)
        {
            Put(result);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<RecordResult?> GetAsync(string batchId, string recordId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var found = _batches.TryGetValue(batchId, out var records) && records.TryGetValue(recordId, out var result) ? Copy(result) : null;
        return ValueTask.FromResult(found);
    }

    public async IAsyncEnumerable<RecordResult> ListAsync(string batchId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!_batches.TryGetValue(batchId, out var records))
        {
            yield break;
        }

        foreach (var pair in records.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Copy(pair.Value);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public ValueTask<ResultCounts> CountAsync(string batchId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_batches.TryGetValue(batchId, out var records))
        {
            return ValueTask.FromResult(default(ResultCounts));
        }

        long succeeded = 0, failed = 0;
        foreach (var result in records.Values)
        {
            if (result.IsSucceeded)
            {
                succeeded++;
            }
            else
            {
                failed++;
            }
        }

        return ValueTask.FromResult(new ResultCounts(succeeded, failed));
    }

    private bool Put(RecordResult result)
    {
        var records = _batches.GetOrAdd(result.BatchId, _ => new ConcurrentDictionary<string, RecordResult>(StringComparer.Ordinal));
        var copy = Copy(result);
        while (true)
        {
            if (!records.TryGetValue(result.RecordId, out var existing))
            {
                if (records.TryAdd(result.RecordId, copy))
                {
                    Interlocked.Increment(ref _writes);
                    return true;
                }

                continue;
            }

            if (existing.IsSucceeded && !copy.IsSucceeded)
            {
                return false;
            }

            if (records.TryUpdate(result.RecordId, copy, existing))
            {
                Interlocked.Increment(ref _writes);
                return true;
            }
        }
    }

    private static RecordResult Copy(RecordResult r) => new()
    {
        BatchId = r.BatchId,
        RecordId = r.RecordId,
        Status = r.Status,
        ModelOutput = r.ModelOutput,
        ErrorCode = r.ErrorCode,
        ErrorMessage = r.ErrorMessage,
        Source = r.Source,
        Attempts = r.Attempts,
        Final = r.Final,
        InputTokens = r.InputTokens,
        OutputTokens = r.OutputTokens,
    };
}
