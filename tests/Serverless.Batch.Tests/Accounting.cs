using Serverless.Batch.Results;

namespace Serverless.Batch.Tests;

/// <summary>The reliability tests' common ending: every input record once in the results, succeeded or failed with a reason.</summary>
internal static class Accounting
{
    public static async Task<IReadOnlyList<RecordResult>> AssertEveryRecordOnceAsync(IResultsStore store, string batchId, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var results = new List<RecordResult>();
        await foreach (var result in store.ListAsync(batchId, cancellationToken))
        {
            results.Add(result);
        }

        var seen = results.Select(r => r.RecordId).ToList();
        Assert.Equal(seen.Count, seen.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.All(results.Where(r => !r.IsSucceeded), r => Assert.False(string.IsNullOrWhiteSpace(r.ErrorMessage), $"{r.RecordId} failed without a reason"));
        Assert.All(results.Where(r => r.IsSucceeded), r => Assert.False(string.IsNullOrEmpty(r.ModelOutput), $"{r.RecordId} succeeded without output"));
        return results;
    }
}
