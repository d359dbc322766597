using Serverless.Bedrock.Model;
using Serverless.Conversations.Storage;
using Serverless.TestSupport;

namespace Serverless.Conversations.Tests.Stores;

/// <summary>The same behaviour from both stores: round trips, versions, conflicts, expiry, ownership, large turns.</summary>
public sealed class ConversationStoreContractTests(ConversationTableFixture table) : IClassFixture<ConversationTableFixture>
{
    private readonly ManualTimeProvider _time = new(Turns.Start);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ConversationKey NewKey(string owner = "tenant-a") => new(owner, "c-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task AConversationNobodyStartedIsEmptyAtVersionZero(string kind)
    {
        var history = await Store(kind).LoadAsync(NewKey(), 10, Token);

        Assert.Empty(history.Turns);
        Assert.Equal(0, history.Version);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task TurnsComeBackInOrderExactlyAsBedrockJson(string kind)
    {
        var store = Store(kind);
        var key = NewKey();
        var image = new Message
        {
            Role = ConversationRole.User,
            Content = [ContentBlock.FromText("what is this?"), new ContentBlock { Image = new ImageBlock { Format = "png", Source = new ImageSource { Bytes = [1, 2, 3, 250] } } }],
        };
        var first = new ConversationTurn([image, Turns.ToolCall("t1")], Turns.Start, new TurnUsage(120, 8));
        var second = new ConversationTurn([Turns.ToolAnswer("t1"), Turns.Assistant("It is a 42.")], Turns.Start.AddMinutes(1));

        await store.AppendTurnAsync(key, first, 0, Token);
        await store.AppendTurnAsync(key, second, 1, Token);
        var history = await store.LoadAsync(key, 10, Token);

        Assert.Equal(2, history.Version);
        Assert.Equal([Turns.Json(first.Messages), Turns.Json(second.Messages)], history.Turns.Select(t => Turns.Json(t.Messages)));
        Assert.Equal([Turns.Start, Turns.Start.AddMinutes(1)], history.Turns.Select(t => t.CreatedAt));
        Assert.Equal([new TurnUsage(120, 8), null], history.Turns.Select(t => t.Usage));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task AnAppendAtAStaleVersionIsAConflictAndStoresNothing(string kind)
    {
        var store = Store(kind);
        var key = NewKey();
        await store.AppendTurnAsync(key, Turns.Turn("hi", "hello"), 0, Token);

        var conflict = await Assert.ThrowsAsync<ConversationConflictException>(() => store.AppendTurnAsync(key, Turns.Turn("late", "lost"), 0, Token).AsTask());

        Assert.Equal((key.ConversationId, 0L), (conflict.ConversationId, conflict.ExpectedVersion));
        Assert.Contains("was not saved", conflict.Message, StringComparison.Ordinal);
        var history = await store.LoadAsync(key, 10, Token);
        Assert.Equal(["hi"], history.Turns.Select(t => Turns.Text(t.Messages[0])));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task OfConcurrentAppendsAtOneVersionExactlyOneWins(string kind)
    {
        var store = Store(kind);
        var key = NewKey();
        await store.AppendTurnAsync(key, Turns.Turn("first", "ok"), 0, Token);

        var attempts = Enumerable.Range(0, 8).Select(async i =>
        {
            await Task.Yield();
            try
            {
                await store.AppendTurnAsync(key, Turns.Turn($"racer {i}", "ok"), 1, Token);
                return true;
            }
            catch (ConversationConflictException)
            {
                return false;
            }
        });
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(1, outcomes.Count(won => won));
        var history = await store.LoadAsync(key, 10, Token);
        Assert.Equal(2, history.Version);
        Assert.StartsWith("racer ", Turns.Text(history.Turns[1].Messages[0]), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task ALoadReturnsTheNewestTurnsUpToTheLimit(string kind)
    {
        var store = Store(kind);
        var key = NewKey();
        for (var i = 0; i < 7; i++)
        {
            await store.AppendTurnAsync(key, Turns.Turn($"q{i}", $"a{i}"), i, Token);
        }

        var history = await store.LoadAsync(key, 3, Token);

        Assert.Equal(7, history.Version);
        Assert.Equal(["q4", "q5", "q6"], history.Turns.Select(t => Turns.Text(t.Messages[0])));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task TurnsExpireOneRetentionAfterTheyWereWrittenOldestFirst(string kind)
    {
        var store = Store(kind, new ConversationStoreOptions { Retention = TimeSpan.FromDays(30) });
        var key = NewKey();
        await store.AppendTurnAsync(key, Turns.Turn("old", "a"), 0, Token);
        _time.Advance(TimeSpan.FromDays(20));
        await store.AppendTurnAsync(key, Turns.Turn("new", "b"), 1, Token);

        _time.Advance(TimeSpan.FromDays(11));
        var partly = await store.LoadAsync(key, 10, Token);
        _time.Advance(TimeSpan.FromDays(20));
        var gone = await store.LoadAsync(key, 10, Token);

        Assert.Equal(["new"], partly.Turns.Select(t => Turns.Text(t.Messages[0])));
        Assert.Equal(2, partly.Version);
        Assert.Empty(gone.Turns);
        // An expired turn DynamoDB has not swept yet still holds its key: the version must not go back under it.
        await store.AppendTurnAsync(key, Turns.Turn("again", "c"), gone.Version, Token);
        Assert.Equal(["again"], (await store.LoadAsync(key, 10, Token)).Turns.Select(t => Turns.Text(t.Messages[0])));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task AnotherOwnersConversationIsIndistinguishableFromAMissingOne(string kind)
    {
        var store = Store(kind);
        var mine = NewKey("tenant-a");
        var theirs = new ConversationKey("tenant-b", mine.ConversationId);
        await store.AppendTurnAsync(mine, Turns.Turn("secret", "kept"), 0, Token);

        var seen = await store.LoadAsync(theirs, 10, Token);
        await store.AppendTurnAsync(theirs, Turns.Turn("own", "turn"), seen.Version, Token);

        Assert.Equal((0, 0L), (seen.Turns.Count, seen.Version));
        Assert.Equal(["secret"], (await store.LoadAsync(mine, 10, Token)).Turns.Select(t => Turns.Text(t.Messages[0])));
        Assert.Equal(["own"], (await store.LoadAsync(theirs, 10, Token)).Turns.Select(t => Turns.Text(t.Messages[0])));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task OwnersThatShareAPrefixWithTheSeparatorStayApart(string kind)
    {
        var store = Store(kind);
        var id = "c-" + Guid.NewGuid().ToString("N");
        await store.AppendTurnAsync(new ConversationKey("a#b", id), Turns.Turn("one", "x"), 0, Token);

        // "a" + "#" + "b#<id>" cannot be spelled: ids exclude '#', so owner#id splits one way only.
        Assert.Throws<ArgumentException>(() => new ConversationKey("a", "b#" + id));
        Assert.Empty((await store.LoadAsync(new ConversationKey("a#", id), 10, Token)).Turns);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task ATurnLargerThanADynamoDbItemIsStoredInPartsAndComesBackWhole(string kind)
    {
        var store = Store(kind);
        var key = NewKey();
        var big = new string('x', 1_000_000);
        await store.AppendTurnAsync(key, Turns.Turn("small", "ok"), 0, Token);
        await store.AppendTurnAsync(key, Turns.Turn(big, "read it"), 1, Token);
        await store.AppendTurnAsync(key, Turns.Turn("after", "ok"), 2, Token);

        var history = await store.LoadAsync(key, 10, Token);
        var newest = await store.LoadAsync(key, 2, Token);

        Assert.Equal(["small", big, "after"], history.Turns.Select(t => Turns.Text(t.Messages[0])));
        Assert.Equal([big, "after"], newest.Turns.Select(t => Turns.Text(t.Messages[0])));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task ATurnBeyondTheTurnLimitIsRefusedNamingTheLimit(string kind)
    {
        var store = Store(kind);
        var key = NewKey();

        var error = await Assert.ThrowsAsync<ConversationTurnTooLargeException>(
            () => store.AppendTurnAsync(key, Turns.Turn(new string('x', ConversationLimits.MaxTurnBytes), "no"), 0, Token).AsTask());

        Assert.Equal(("turn", ConversationLimits.MaxTurnBytes), (error.Field, error.Limit));
        Assert.Contains($"at most {ConversationLimits.MaxTurnBytes} bytes", error.Message, StringComparison.Ordinal);
        Assert.Empty((await store.LoadAsync(key, 10, Token)).Turns);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task MalformedTurnsAndLimitsAreRefused(string kind)
    {
        var store = Store(kind);
        var key = NewKey();

        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendTurnAsync(key, new ConversationTurn([Turns.User("only")], Turns.Start), 0, Token).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendTurnAsync(key, new ConversationTurn([Turns.Assistant("a"), Turns.Assistant("b")], Turns.Start), 0, Token).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendTurnAsync(key, new ConversationTurn([Turns.User("a"), Turns.User("b")], Turns.Start), 0, Token).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.LoadAsync(key, 0, Token).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.LoadAsync(key, ConversationLimits.MaxTurnsPerLoad + 1, Token).AsTask());
    }

    private IConversationStore Store(string kind, ConversationStoreOptions? options = null) => StoreKinds.Create(kind, table, _time, options);
}
