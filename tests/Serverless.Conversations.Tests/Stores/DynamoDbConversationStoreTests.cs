using System.Text;
using Amazon.DynamoDBv2.Model;
using Serverless.Conversations.Storage;
using Serverless.Conversations.Storage.DynamoDb;
using Serverless.TestSupport;

namespace Serverless.Conversations.Tests.Stores;

/// <summary>What only the DynamoDB store has: the item layout, TTL values, item sizes, paging, and failures of the table.</summary>
public sealed class DynamoDbConversationStoreTests(ConversationTableFixture table) : IClassFixture<ConversationTableFixture>
{
    private const int DynamoDbItemLimit = 400 * 1024;

    private readonly ManualTimeProvider _time = new(Turns.Start);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EachTurnIsAnItemUnderOwnerAndIdWithItsTtlOneRetentionAfterTheWrite()
    {
        var store = new DynamoDbConversationStore(table.Dynamo.Client, table.TableName, _time, new ConversationStoreOptions { Retention = TimeSpan.FromDays(7) });
        var key = new ConversationKey("tenant-a", "c-" + Guid.NewGuid().ToString("N"));
        await store.AppendTurnAsync(key, Turns.Turn("q0", "a0"), 0, Token);
        _time.Advance(TimeSpan.FromHours(1));
        await store.AppendTurnAsync(key, Turns.Turn("q1", "a1", usage: new TurnUsage(10, 2)), 1, Token);

        var items = await ItemsAsync(key);

        Assert.Equal(["0", "100"], items.Select(i => i["sk"].N));
        Assert.All(items, i => Assert.Equal($"tenant-a#{key.ConversationId}", i["pk"].S));
        Assert.Equal(
            [Turns.Start.AddDays(7).ToUnixTimeSeconds(), Turns.Start.AddHours(1).AddDays(7).ToUnixTimeSeconds()],
            items.Select(i => long.Parse(i["ttl"].N, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(Turns.Json([Turns.User("q0"), Turns.Assistant("a0")]), Encoding.UTF8.GetString(items[0]["body"].B.ToArray()));
        Assert.Equal(("10", "2"), (items[1]["inputTokens"].N, items[1]["outputTokens"].N));
        Assert.False(items[0].ContainsKey("inputTokens"));
    }

    [Fact]
    public async Task ALargeTurnIsSplitIntoItemsThatEachStayUnderTheItemLimit()
    {
        var store = new DynamoDbConversationStore(table.Dynamo.Client, table.TableName, _time);
        var key = new ConversationKey("tenant-a", "c-" + Guid.NewGuid().ToString("N"));
        // Multi-byte text: the limit is on bytes, not characters.
        await store.AppendTurnAsync(key, Turns.Turn(new string('é', 600_000), "ok"), 0, Token);

        var items = await ItemsAsync(key);

        Assert.Equal(["0", "1", "2", "3"], items.Select(i => i["sk"].N));
        Assert.All(items, i => Assert.Equal("4", i["parts"].N));
        Assert.All(items, i => Assert.InRange(ItemBytes(i), 1, DynamoDbItemLimit - (40 * 1024)));
    }

    [Fact]
    public async Task ALongHistoryLoadsItsNewestTurnsAcrossQueryPages()
    {
        var store = new DynamoDbConversationStore(table.Dynamo.Client, table.TableName, _time);
        var key = new ConversationKey("tenant-a", "c-" + Guid.NewGuid().ToString("N"));
        var filler = new string('z', 8_000);
        for (var i = 0; i < 220; i++)
        {
            await store.AppendTurnAsync(key, Turns.Turn($"{i}:{filler}", $"a{i}"), i, Token);
        }

        // 200 turns of ~8 KB are ~1.6 MB: more than one 1 MB Query page.
        var history = await store.LoadAsync(key, 200, Token);

        Assert.Equal(220, history.Version);
        Assert.Equal(Enumerable.Range(20, 200).Select(i => $"a{i}"), history.Turns.Select(t => Turns.Text(t.Messages[1])));
    }

    [Fact]
    public async Task AGapLeftByTtlDeletionEndsTheHistoryThere()
    {
        var store = new DynamoDbConversationStore(table.Dynamo.Client, table.TableName, _time);
        var key = new ConversationKey("tenant-a", "c-" + Guid.NewGuid().ToString("N"));
        for (var i = 0; i < 4; i++)
        {
            await store.AppendTurnAsync(key, Turns.Turn($"q{i}", $"a{i}"), i, Token);
        }

        // TTL deletion is unordered: turn 2 may vanish before turn 1.
        await table.Dynamo.Client.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = table.TableName,
            Key = new() { ["pk"] = new AttributeValue { S = $"tenant-a#{key.ConversationId}" }, ["sk"] = new AttributeValue { N = "200" } },
        }, Token);
        var history = await store.LoadAsync(key, 10, Token);

        Assert.Equal(4, history.Version);
        Assert.Equal(["q3"], history.Turns.Select(t => Turns.Text(t.Messages[0])));
    }

    [Fact]
    public async Task ARepeatOfAnAppliedPutIsNotAConflictButADifferentTurnIs()
    {
        var store = new DynamoDbConversationStore(table.Dynamo.Client, table.TableName, _time);
        var key = new ConversationKey("tenant-a", "c-" + Guid.NewGuid().ToString("N"));
        var turn = Turns.Turn("q", "a");
        await store.AppendTurnAsync(key, turn, 0, Token);

        // What an SDK retry of a put whose response was lost looks like to the table: the same item again.
        await store.AppendTurnAsync(key, turn, 0, Token);
        await Assert.ThrowsAsync<ConversationConflictException>(() => store.AppendTurnAsync(key, turn with { CreatedAt = turn.CreatedAt.AddSeconds(1) }, 0, Token).AsTask());
        await Assert.ThrowsAsync<ConversationConflictException>(() => store.AppendTurnAsync(key, Turns.Turn("q", "b"), 0, Token).AsTask());

        Assert.Single((await store.LoadAsync(key, 10, Token)).Turns);
    }

    [Theory]
    [InlineData("not json", true)]
    [InlineData("[]", false)]
    public async Task AnItemThatIsNotATurnIsReportedNotPassedOn(string body, bool withAllAttributes)
    {
        var store = new DynamoDbConversationStore(table.Dynamo.Client, table.TableName, _time);
        var key = new ConversationKey("tenant-a", "c-" + Guid.NewGuid().ToString("N"));
        var item = new Dictionary<string, AttributeValue>
        {
            ["pk"] = new() { S = $"tenant-a#{key.ConversationId}" },
            ["sk"] = new() { N = "0" },
            ["body"] = new() { B = new MemoryStream(Encoding.UTF8.GetBytes(body)) },
        };
        if (withAllAttributes)
        {
            item["parts"] = new() { N = "1" };
            item["createdAt"] = new() { N = "0" };
            item["ttl"] = new() { N = "99999999999" };
        }

        await table.Dynamo.Client.PutItemAsync(new PutItemRequest { TableName = table.TableName, Item = item }, Token);
        var error = await Assert.ThrowsAsync<ConversationStoreUnavailableException>(() => store.LoadAsync(key, 10, Token).AsTask());

        Assert.Contains($"table '{table.TableName}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingTableIsStoreUnavailableNamingTheTable()
    {
        var store = new DynamoDbConversationStore(table.Dynamo.Client, "no-such-conversations", _time);
        var key = new ConversationKey("tenant-a", "c1");

        var load = await Assert.ThrowsAsync<ConversationStoreUnavailableException>(() => store.LoadAsync(key, 10, Token).AsTask());
        var append = await Assert.ThrowsAsync<ConversationStoreUnavailableException>(() => store.AppendTurnAsync(key, Turns.Turn("q", "a"), 0, Token).AsTask());

        Assert.Contains("'no-such-conversations'", load.Message, StringComparison.Ordinal);
        Assert.Contains("'no-such-conversations'", append.Message, StringComparison.Ordinal);
        Assert.IsType<ResourceNotFoundException>(load.InnerException);
    }

    [Fact]
    public void ConstructorArgumentsAreChecked()
    {
        Assert.Throws<ArgumentException>(() => new DynamoDbConversationStore(table.Dynamo.Client, " ", _time));
        Assert.Throws<ArgumentException>(() => new DynamoDbConversationStore(table.Dynamo.Client, "t", _time, new ConversationStoreOptions { Retention = TimeSpan.Zero }));
    }

    /// <summary>All items of the conversation, in key order (paging: a Query page stops at 1 MB, about three full parts).</summary>
    private async Task<List<Dictionary<string, AttributeValue>>> ItemsAsync(ConversationKey key)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        var request = new QueryRequest
        {
            TableName = table.TableName,
            KeyConditionExpression = "pk = :pk",
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = $"{key.Owner}#{key.ConversationId}" } },
            ConsistentRead = true,
        };
        do
        {
            var response = await table.Dynamo.Client.QueryAsync(request, Token);
            items.AddRange(response.Items);
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (request.ExclusiveStartKey is not null);

        return items;
    }

    /// <summary>An item's size by DynamoDB's rules: attribute name bytes plus value bytes (a number about 1 byte per 2 digits + 1).</summary>
    private static int ItemBytes(Dictionary<string, AttributeValue> item)
        => item.Sum(a => Encoding.UTF8.GetByteCount(a.Key) + (a.Value.S is { } s ? Encoding.UTF8.GetByteCount(s)
            : a.Value.N is { } n ? ((n.Length + 1) / 2) + 1
            : (int)a.Value.B.Length));
}
