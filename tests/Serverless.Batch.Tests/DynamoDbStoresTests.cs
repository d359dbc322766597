using Serverless.Batch.Pending;
using Serverless.Batch.Results;
using Serverless.TestSupport;

[assembly: AssemblyFixture(typeof(DynamoDbLocalFixture))]

namespace Serverless.Batch.Tests;

/// <summary>The results and pending stores on DynamoDB Local, held to the in-memory stores' rules.</summary>
public sealed class DynamoDbStoresTests(DynamoDbLocalFixture dynamo)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<string> TableAsync() => await dynamo.CreateTableAsync("batch-results", ResultsTableDefinition.CreateTableRequest, Token);

    public static TheoryData<string> Stores => ["memory", "dynamodb"];

    private async Task<IResultsStore> StoreAsync(string kind)
        => kind == "memory" ? new InMemoryResultsStore() : new DynamoDbResultsStore(dynamo.Client, await TableAsync(), TimeProvider.System);

    private static RecordResult Result(string id, string status) => new()
    {
        BatchId = "b1",
        RecordId = id,
        Status = status,
        ModelOutput = status == RecordStatus.Succeeded ? "{\"ok\":true}" : null,
        ErrorMessage = status == RecordStatus.Failed ? "boom" : null,
    };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Rewrites_replace_and_a_failure_never_replaces_a_success(string kind)
    {
        var store = await StoreAsync(kind);
        await store.PutManyAsync(Enumerable.Range(0, 60).Select(i => Result($"r{i:D3}", i % 3 == 0 ? RecordStatus.Failed : RecordStatus.Succeeded)).ToList(), Token);
        await store.PutManyAsync(Enumerable.Range(0, 60).Select(i => Result($"r{i:D3}", i % 3 == 0 ? RecordStatus.Failed : RecordStatus.Succeeded)).ToList(), Token);

        Assert.True(await store.PutAsync(Result("r000", RecordStatus.Succeeded), Token));
        Assert.False(await store.PutAsync(Result("r000", RecordStatus.Failed), Token));
        Assert.True(await store.PutAsync(Result("r003", RecordStatus.Failed), Token));

        Assert.Equal(new ResultCounts(41, 19), await store.CountAsync("b1", Token));
        var listed = new List<RecordResult>();
        await foreach (var r in store.ListAsync("b1", Token))
        {
            listed.Add(r);
        }

        Assert.Equal(60, listed.Select(r => r.RecordId).Distinct().Count());
        Assert.Equal("{\"ok\":true}", (await store.GetAsync("b1", "r000", Token))!.ModelOutput);
        Assert.Null(await store.GetAsync("b1", "nope", Token));
    }

    [Fact]
    public async Task Pending_batches_are_claimed_once_in_order()
    {
        var table = await TableAsync();
        var pending = new DynamoDbPendingBatchStore(dynamo.Client, table);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await pending.EnqueueAsync(new PendingBatch { BatchId = "late", ModelId = "m", InputUri = "s3://a/late", EnqueuedAt = start.AddMinutes(5) }, Token);
        await pending.EnqueueAsync(new PendingBatch { BatchId = "early", ModelId = "m", InputUri = "s3://a/early", EnqueuedAt = start }, Token);

        var claimed = await pending.ClaimAllAsync(Token);
        var again = await pending.ClaimAllAsync(Token);

        Assert.Equal(["early", "late"], claimed.Select(b => b.BatchId));
        Assert.Equal("s3://a/late", claimed[1].InputUri);
        Assert.Empty(again);
    }
}
