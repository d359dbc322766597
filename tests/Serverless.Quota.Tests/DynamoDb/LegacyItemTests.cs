using Amazon.DynamoDBv2.Model;
using Serverless.Quota.Ledger;
using Serverless.Quota.Storage;
using Serverless.Quota.Storage.DynamoDb;

namespace Serverless.Quota.Tests.DynamoDb;

/// <summary>
/// Items written before the request sum was named after the item's bucket kept it in <c>ur</c>. A deployment that
/// upgrades under traffic finds such items; the store moves the sum once and goes on, losing no count.
/// </summary>
public sealed class LegacyItemTests(LedgerTableFixture table) : IClassFixture<LedgerTableFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAdmissionOnAnItemWithTheOldRequestSumMovesItAndIsApplied()
    {
        var key = await PutLegacyItemAsync();
        var store = LedgerTable.Store(table.Dynamo.Client, table.TableName);

        var read = await store.ReadAsync(key, Token);
        var admitted = await store.AdmitAsync(key, Admission(tokens: 5), Token);

        Assert.Equal((2L, 20L), (read!.UsedRequests, read.UsedTokens));
        Assert.True(admitted.Applied);
        var raw = (await table.Dynamo.Client.GetItemAsync(new GetItemRequest { TableName = table.TableName, Key = LedgerItem.Key(key), ConsistentRead = true }, Token)).Item;
        Assert.False(raw.ContainsKey("ur"));
        Assert.Equal("3", raw[LedgerItem.RequestSum(100)].N);
        var state = await store.ReadAsync(key, Token);
        Assert.Equal((3L, 25L, 3L), (state!.UsedRequests, state.UsedTokens, state.RequestSlots[LedgerStates.Slot(100)]));
    }

    [Fact]
    public async Task AnAdmissionWithoutLimitsOnAnItemWithTheOldRequestSumMovesItToo()
    {
        // Take-backs send no maxima: their write must fail on the old layout as well, or it would start a second sum.
        var key = await PutLegacyItemAsync();
        var store = LedgerTable.Store(table.Dynamo.Client, table.TableName);

        var admitted = await store.AdmitAsync(key, Admission(tokens: 5) with { MaxUsedRequestsBefore = long.MaxValue, MaxUsedTokensBefore = long.MaxValue }, Token);

        Assert.True(admitted.Applied);
        var raw = (await table.Dynamo.Client.GetItemAsync(new GetItemRequest { TableName = table.TableName, Key = LedgerItem.Key(key), ConsistentRead = true }, Token)).Item;
        Assert.False(raw.ContainsKey("ur"));
        Assert.Equal(3, (await store.ReadAsync(key, Token))!.UsedRequests);
    }

    [Fact]
    public async Task AnEarlierVersionsSumBesideTheCurrentOneCountsAndIsAddedOnto()
    {
        // During a deployment an earlier version's write can put "ur" beside the current sum: both count, and the move adds.
        var key = await PutLegacyItemAsync();
        await table.Dynamo.Client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table.TableName,
            Key = LedgerItem.Key(key),
            UpdateExpression = $"SET {LedgerItem.RequestSum(100)} = :one",
            ExpressionAttributeValues = new() { [":one"] = LedgerItem.Number(1) },
        }, Token);
        var store = LedgerTable.Store(table.Dynamo.Client, table.TableName);

        var both = await store.ReadAsync(key, Token);
        var refused = await store.AdmitAsync(key, Admission(tokens: 5) with { MaxUsedRequestsBefore = 0 }, Token);

        Assert.Equal(3, both!.UsedRequests);
        Assert.False(refused.Applied);
        var raw = (await table.Dynamo.Client.GetItemAsync(new GetItemRequest { TableName = table.TableName, Key = LedgerItem.Key(key), ConsistentRead = true }, Token)).Item;
        Assert.False(raw.ContainsKey("ur"));
        Assert.Equal("3", raw[LedgerItem.RequestSum(100)].N);
    }

    [Fact]
    public async Task ARefusalOnAnItemWithTheOldRequestSumStillRefusesAndReturnsTheItem()
    {
        var key = await PutLegacyItemAsync();
        var store = LedgerTable.Store(table.Dynamo.Client, table.TableName);

        var refused = await store.AdmitAsync(key, Admission(tokens: 5) with { MaxUsedRequestsBefore = 1 }, Token);

        Assert.False(refused.Applied);
        Assert.Equal((2L, 20L), (refused.Current!.UsedRequests, refused.Current.UsedTokens));
        Assert.Equal(2, (await store.ReadAsync(key, Token))!.UsedRequests);
    }

    [Fact]
    public async Task ARolloverWithoutLimitsOnAnItemWithTheOldRequestSumCarriesTheSumOver()
    {
        // A ledger whose first write to the item was a settlement knows it without having moved the sum; its next
        // write can be a rollover, which reads the sum from its new name.
        var key = await PutLegacyItemAsync();
        var store = LedgerTable.Store(table.Dynamo.Client, table.TableName);
        var seen = (await store.ReadAsync(key, Token))!;
        var geometry = new LedgerGeometry(new QuotaLedgerOptions { BucketWidth = TimeSpan.FromSeconds(1) }); // LedgerStates' 61 slots
        var next = geometry.Rollover(seen, 101, seen.LeaseBucket);
        LedgerGeometry.Apply(next, new ItemCost(1, 7, 0), geometry.Slot(101), 0);
        next.ExpiresAtEpochSeconds = 2_000_000_101;
        var roll = new RollUpdate(100, seen.LeaseBucket, seen.Version, next, 2, 20, 1, 7, 0, long.MaxValue, long.MaxValue, long.MaxValue, null, []);

        var rolled = await store.RollAsync(key, roll, Token);

        Assert.True(rolled.Applied);
        var state = await store.ReadAsync(key, Token);
        Assert.Equal((101L, 3L, 27L), (state!.Bucket, state.UsedRequests, state.UsedTokens));
    }

    private static AdmitUpdate Admission(long tokens)
        => LedgerStates.Admission(100, 10, tokens) with { LeaseCost = 0, MaxActiveLeasesBefore = long.MaxValue };

    private async Task<string> PutLegacyItemAsync()
    {
        var key = "q#legacy-" + Guid.NewGuid().ToString("N");
        var state = LedgerStates.Empty(100, 10, leaseRing: false);
        (state.UsedRequests, state.UsedTokens) = (2, 20);
        (state.RequestSlots[LedgerStates.Slot(100)], state.TokenSlots[LedgerStates.Slot(100)]) = (2, 20);
        var item = LedgerItem.ToItem(key, state);
        item["ur"] = item[LedgerItem.RequestSum(100)];
        item.Remove(LedgerItem.RequestSum(100));
        await table.Dynamo.Client.PutItemAsync(new PutItemRequest { TableName = table.TableName, Item = item }, Token);
        return key;
    }
}
