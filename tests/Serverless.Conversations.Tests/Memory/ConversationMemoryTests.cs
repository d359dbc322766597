using Serverless.Bedrock.Model;
using Serverless.Conversations.Memory;
using Serverless.Conversations.Storage;
using Serverless.Quota.Tokens;
using Serverless.TestSupport;

namespace Serverless.Conversations.Tests.Memory;

/// <summary>Preparing and committing turns: history, trimming at the budget, the user-first and tool rules, summaries.</summary>
public sealed class ConversationMemoryTests
{
    private const string Owner = "tenant-a";
    private const string Model = "anthropic.claude-test";

    private readonly ManualTimeProvider _time = new(Turns.Start);
    private readonly InMemoryConversationStore _store;

    public ConversationMemoryTests() => _store = new InMemoryConversationStore(_time);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFirstTurnSendsOnlyTheNewMessagesAndCommitStoresItWithTheReply()
    {
        var memory = Memory();

        var prepared = await memory.PrepareAsync(Owner, "c1", [Turns.User("hello")], Budget(1000), Token);
        var version = await memory.CommitAsync(prepared, Turns.Assistant("hi there"), new TokenUsage { InputTokens = 5, OutputTokens = 3 }, Token);

        Assert.Equal(["hello"], prepared.Messages.Select(Turns.Text));
        Assert.Equal((0L, 0, 0, 5L), (prepared.ExpectedVersion, prepared.TurnsSent, prepared.TurnsDropped, prepared.EstimatedTokens));
        Assert.Equal(1, version);
        var stored = Assert.Single((await _store.LoadAsync(new ConversationKey(Owner, "c1"), 10, Token)).Turns);
        Assert.Equal(["hello", "hi there"], stored.Messages.Select(Turns.Text));
        Assert.Equal((Turns.Start, new TurnUsage(5, 3)), (stored.CreatedAt, stored.Usage));
    }

    [Fact]
    public async Task TheNextTurnCarriesTheHistoryBeforeTheNewMessages()
    {
        var memory = Memory();
        await CommitAsync(memory, "c1", "q0", "a0");
        await CommitAsync(memory, "c1", "q1", "a1");

        var prepared = await memory.PrepareAsync(Owner, "c1", [Turns.User("q2")], Budget(1000), Token);

        Assert.Equal(["q0", "a0", "q1", "a1", "q2"], prepared.Messages.Select(Turns.Text));
        Assert.Equal(["user", "assistant", "user", "assistant", "user"], prepared.Messages.Select(m => m.Role));
        Assert.Equal(2, prepared.ExpectedVersion);
    }

    [Fact]
    public async Task NothingIsStoredUntilCommitSoAFailedCallLosesNothing()
    {
        var memory = Memory();
        await CommitAsync(memory, "c1", "q0", "a0");

        // The model call for this turn fails: the caller never commits.
        await memory.PrepareAsync(Owner, "c1", [Turns.User("doomed")], Budget(1000), Token);
        var retry = await memory.PrepareAsync(Owner, "c1", [Turns.User("again")], Budget(1000), Token);

        Assert.Equal(["q0", "a0", "again"], retry.Messages.Select(Turns.Text));
        Assert.Equal(1, retry.ExpectedVersion);
    }

    [Theory]
    [InlineData(70, 3)]
    [InlineData(69, 2)]
    [InlineData(50, 2)]
    [InlineData(49, 1)]
    [InlineData(30, 1)]
    [InlineData(29, 0)]
    [InlineData(10, 0)]
    [InlineData(1000, 5)]
    public async Task TheNewestWholeTurnsThatFitTheBudgetAreSent(long budget, int turnsSent)
    {
        var memory = Memory();
        // Five turns of exactly 20 tokens (10 + 10 characters) and new messages of 10.
        await CommitTwentyTokenTurnsAsync(memory, 5);

        var prepared = await memory.PrepareAsync(Owner, "c1", [Turns.User(Q(5))], Budget(budget), Token);

        Assert.Equal(turnsSent, prepared.TurnsSent);
        Assert.Equal(5 - turnsSent, prepared.TurnsDropped);
        Assert.Equal(10 + (20 * turnsSent), prepared.EstimatedTokens);
        Assert.False(prepared.OverBudget);
        Assert.Equal(Enumerable.Range(5 - turnsSent, turnsSent).Select(Q).Append(Q(5)), prepared.Messages.Where(m => m.Role == "user").Select(Turns.Text));
        Assert.Equal(ConversationRole.User, prepared.Messages[0].Role);
    }

    [Fact]
    public async Task NewMessagesAboveTheBudgetAreSentAloneAndFlaggedOverBudget()
    {
        var memory = Memory();
        await CommitAsync(memory, "c1", "q0", "a0");

        var prepared = await memory.PrepareAsync(Owner, "c1", [Turns.User(new string('x', 50))], Budget(20), Token);

        Assert.Equal((0, true, 50L), (prepared.TurnsSent, prepared.OverBudget, prepared.EstimatedTokens));
    }

    [Fact]
    public async Task HistoryNeverStartsWithAToolResultWhoseToolCallWasTrimmed()
    {
        var memory = Memory();
        await CommitAsync(memory, "c1", "q0", "a0");
        await CommitMessagesAsync(memory, "c1", [Turns.User("use the tool")], Turns.ToolCall("t1"));
        await CommitMessagesAsync(memory, "c1", [Turns.ToolAnswer("t1")], Turns.Assistant("the answer is 42"));
        await CommitAsync(memory, "c1", "thanks", "welcome");

        // Room for the last two turns, whose first answers a tool call made in the turn before it.
        var tokens = (await memory.PrepareAsync(Owner, "c1", [Turns.User("next")], Budget(100_000), Token)).EstimatedTokens;
        var prepared = await memory.PrepareAsync(Owner, "c1", [Turns.User("next")], Budget(tokens - 20), Token);

        Assert.Equal(["thanks", "welcome", "next"], prepared.Messages.Select(Turns.Text));
        Assert.Equal(1, prepared.TurnsSent);
    }

    [Fact]
    public async Task NewMessagesAnsweringAToolCallBringTheTurnThatMadeItWhateverTheBudget()
    {
        var memory = Memory();
        await CommitAsync(memory, "c1", "q0", "a0");
        await CommitMessagesAsync(memory, "c1", [Turns.User("look two things up")], Turns.ToolCall("t1"));
        await CommitMessagesAsync(memory, "c1", [Turns.ToolAnswer("t1")], Turns.ToolCall("t2"));

        var prepared = await memory.PrepareAsync(Owner, "c1", [Turns.ToolAnswer("t2")], Budget(1), Token);

        Assert.Equal(2, prepared.TurnsSent);
        Assert.True(prepared.OverBudget);
        Assert.Equal("look two things up", Turns.Text(prepared.Messages[0]));
        Assert.Equal(["t1", "t1", "t2", "t2"], prepared.Messages.Skip(1).Select(m => m.Content[0].ToolUse?.ToolUseId ?? m.Content[0].ToolResult!.ToolUseId));
    }

    [Fact]
    public async Task DroppedTurnsAreSummarisedAheadOfTheHistoryWithinTheSummaryShare()
    {
        SummaryRequest? asked = null;
        var memory = Memory(new ConversationMemoryOptions
        {
            SummaryMaxTokens = 20,
            SummaryPreamble = "Earlier:",
            Summarizer = (request, _) =>
            {
                asked = request;
                return ValueTask.FromResult<string?>("  they said hi  ");
            },
        });
        await CommitTwentyTokenTurnsAsync(memory, 5);

        // 70 fits three turns; less the 20 kept for the summary, two.
        var prepared = await memory.PrepareAsync(Owner, "c1", [Turns.User(Q(5))], Budget(70), Token);

        Assert.NotNull(asked);
        Assert.Equal([Q(0), Q(1), Q(2)], asked.DroppedTurns.Select(t => Turns.Text(t.Messages[0])));
        Assert.Equal((Model, 20, "c1"), (asked.ModelId, asked.MaxTokens, asked.Key.ConversationId));
        Assert.Equal((2, 3, "they said hi"), (prepared.TurnsSent, prepared.TurnsDropped, prepared.Summary));
        var first = prepared.Messages[0];
        Assert.Equal(ConversationRole.User, first.Role);
        Assert.Equal(["Earlier:\nthey said hi", Q(3)], first.Content.Select(c => c.Text));
        Assert.Equal(10 + 40 + "Earlier:\nthey said hi".Length, prepared.EstimatedTokens);
    }

    [Fact]
    public async Task TheSummarizerIsNotCalledWhenEverythingFitsAndABlankSummaryAddsNothing()
    {
        var calls = 0;
        var memory = Memory(new ConversationMemoryOptions
        {
            SummaryMaxTokens = 5,
            Summarizer = (_, _) =>
            {
                calls++;
                return ValueTask.FromResult<string?>(" ");
            },
        });
        await CommitTwentyTokenTurnsAsync(memory, 2);

        var fits = await memory.PrepareAsync(Owner, "c1", [Turns.User(Q(2))], Budget(1000), Token);
        Assert.Equal(0, calls);
        // 30 fits one turn; with 5 kept for a summary, none. The summary is blank, so the turn is sent after all.
        var trimmed = await memory.PrepareAsync(Owner, "c1", [Turns.User(Q(2))], Budget(30), Token);

        Assert.Equal(1, calls);
        Assert.Null(trimmed.Summary);
        Assert.Equal([Q(1), A(1), Q(2)], trimmed.Messages.Select(Turns.Text));
        Assert.Null(fits.Summary);
    }

    [Fact]
    public async Task MediaCountsAsAFixedShareNotItsBase64Length()
    {
        var memory = Memory();
        var photo = new Message
        {
            Role = ConversationRole.User,
            Content = [ContentBlock.FromText("what is in this photo?"), new ContentBlock { Image = new ImageBlock { Format = "jpeg", Source = new ImageSource { Bytes = new byte[1_000_000] } } }],
        };
        await CommitMessagesAsync(memory, "c1", [photo], Turns.Assistant("a cat"));

        var prepared = await memory.PrepareAsync(Owner, "c1", [Turns.User("what colour?")], Budget(10_000), Token);

        Assert.Equal(1, prepared.TurnsSent);
        Assert.Equal(22 + 6_400 + 5 + 12, prepared.EstimatedTokens);
    }

    [Fact]
    public async Task TheCalibratedEstimatorSizesHistoryWithOneEstimatePerPrepare()
    {
        var estimator = new CalibratedTokenEstimator();
        var counting = new CharacterTokens();
        var memory = new ConversationMemory(_store, estimator, _time);
        var countingMemory = new ConversationMemory(_store, counting, _time);
        await CommitTwentyTokenTurnsAsync(memory, 4);

        var prepared = await memory.PrepareAsync(Owner, "c1", [Turns.User(Q(4))], Budget(1000), Token);
        await countingMemory.PrepareAsync(Owner, "c1", [Turns.User(Q(4))], Budget(1000), Token);

        // 0.5 tokens a character until it has observations: 4 × 20 + 10 characters.
        Assert.Equal((long)Math.Ceiling(90 * CalibratedTokenEstimator.DefaultTokensPerCharacter), prepared.EstimatedTokens);
        Assert.Equal(1, counting.Calls);
    }

    [Fact]
    public async Task WhatIsCommittedIsWhatWasPreparedEvenIfTheCallerChangesItsMessagesAfterwards()
    {
        var memory = Memory();
        var message = Turns.User("original");
        var prepared = await memory.PrepareAsync(Owner, "c1", [message], Budget(1000), Token);

        message.Content[0].Text = "changed";
        await memory.CommitAsync(prepared, Turns.Assistant("ok"), null, Token);

        Assert.Equal("original", Turns.Text((await _store.LoadAsync(new ConversationKey(Owner, "c1"), 1, Token)).Turns[0].Messages[0]));
    }

    private ConversationMemory Memory(ConversationMemoryOptions? options = null) => new(_store, new CharacterTokens(), _time, options);

    private static ConversationBudget Budget(long tokens) => new(Model, tokens);

    /// <summary>A 10-character question and answer: a turn is 20 tokens with <see cref="CharacterTokens"/>.</summary>
    private static string Q(int i) => $"question{i}!";

    private static string A(int i) => $"answer{i}...";

    private static async Task CommitTwentyTokenTurnsAsync(ConversationMemory memory, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await CommitAsync(memory, "c1", Q(i), A(i));
        }
    }

    private static Task CommitAsync(ConversationMemory memory, string id, string user, string assistant)
        => CommitMessagesAsync(memory, id, [Turns.User(user)], Turns.Assistant(assistant));

    private static async Task CommitMessagesAsync(ConversationMemory memory, string id, IReadOnlyList<Message> messages, Message reply)
    {
        var prepared = await memory.PrepareAsync(Owner, id, messages, Budget(1_000_000), Token);
        await memory.CommitAsync(prepared, reply, null, Token);
    }
}
