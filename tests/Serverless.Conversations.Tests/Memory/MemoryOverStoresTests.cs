using Serverless.Conversations.Memory;
using Serverless.Conversations.Tests.Stores;
using Serverless.TestSupport;

namespace Serverless.Conversations.Tests.Memory;

/// <summary>The memory's guarantees that rest on the store, on both stores: concurrent turns and ownership.</summary>
public sealed class MemoryOverStoresTests(ConversationTableFixture table) : IClassFixture<ConversationTableFixture>
{
    private readonly ManualTimeProvider _time = new(Turns.Start);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ConversationBudget Budget => new("model", 100_000);

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task TwoTurnsRunningAtOnceCannotInterleaveTheSecondCommitIsAConflict(string kind)
    {
        var memory = Memory(kind);
        var id = NewId();
        var first = await memory.PrepareAsync("tenant-a", id, [Turns.User("from tab 1")], Budget, Token);
        var second = await memory.PrepareAsync("tenant-a", id, [Turns.User("from tab 2")], Budget, Token);

        await memory.CommitAsync(first, Turns.Assistant("answer 1"), null, Token);
        var conflict = await Assert.ThrowsAsync<ConversationConflictException>(() => memory.CommitAsync(second, Turns.Assistant("answer 2"), null, Token).AsTask());
        var next = await memory.PrepareAsync("tenant-a", id, [Turns.User("later")], Budget, Token);

        Assert.Equal(id, conflict.ConversationId);
        Assert.Equal(["from tab 1", "answer 1", "later"], next.Messages.Select(Turns.Text));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task AnotherOwnersConversationIdIsANewEmptyConversationForTheCaller(string kind)
    {
        var memory = Memory(kind);
        var id = NewId();
        var mine = await memory.PrepareAsync("tenant-a", id, [Turns.User("my secret plan")], Budget, Token);
        await memory.CommitAsync(mine, Turns.Assistant("noted"), null, Token);

        var theirs = await memory.PrepareAsync("tenant-b", id, [Turns.User("what was the plan?")], Budget, Token);
        await memory.CommitAsync(theirs, Turns.Assistant("no idea"), null, Token);
        var mineAgain = await memory.PrepareAsync("tenant-a", id, [Turns.User("and now?")], Budget, Token);

        Assert.Equal((0L, 0), (theirs.ExpectedVersion, theirs.TurnsSent));
        Assert.Equal(["what was the plan?"], theirs.Messages.Select(Turns.Text));
        Assert.Equal(["my secret plan", "noted", "and now?"], mineAgain.Messages.Select(Turns.Text));
    }

    private ConversationMemory Memory(string kind) => new(StoreKinds.Create(kind, table, _time), new CharacterTokens(), _time);

    private static string NewId() => "c-" + Guid.NewGuid().ToString("N");
}
