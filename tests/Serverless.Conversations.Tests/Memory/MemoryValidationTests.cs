using Serverless.Bedrock.Model;
using Serverless.Conversations.Memory;
using Serverless.Conversations.Storage;
using Serverless.TestSupport;

namespace Serverless.Conversations.Tests.Memory;

/// <summary>Bad input is refused before the store or the model is touched, with the field named.</summary>
public sealed class MemoryValidationTests
{
    private readonly ManualTimeProvider _time = new(Turns.Start);
    private readonly CountingStore _store;
    private readonly ConversationMemory _memory;

    public MemoryValidationTests()
    {
        _store = new CountingStore(new InMemoryConversationStore(_time));
        _memory = new ConversationMemory(_store, new CharacterTokens(), _time);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ConversationBudget Budget => new("model", 1000);

    [Theory]
    [InlineData("", "conversationId must not be empty")]
    [InlineData("has space", "conversationId may contain only")]
    [InlineData("owner#id", "conversationId may contain only A-Z, a-z, 0-9, '.', '_', ':' and '-' (found '#')")]
    [InlineData("tab\there", "(found '\\u0009')")]
    [InlineData("ünïcode", "conversationId may contain only")]
    public async Task ABadConversationIdIsRefusedNamingTheField(string id, string message)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _memory.PrepareAsync("tenant-a", id, [Turns.User("hi")], Budget, Token).AsTask());

        Assert.Equal("conversationId", error.ParamName);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _store.Loads);
    }

    [Fact]
    public async Task ConversationIdLengthIsLimited()
    {
        await _memory.PrepareAsync("tenant-a", new string('a', 128), [Turns.User("hi")], Budget, Token);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _memory.PrepareAsync("tenant-a", new string('a', 129), [Turns.User("hi")], Budget, Token).AsTask());

        Assert.Contains("at most 128 characters (was 129)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadOwnerIsRefused()
    {
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => _memory.PrepareAsync("", "c1", [Turns.User("hi")], Budget, Token).AsTask());
        var huge = await Assert.ThrowsAsync<ArgumentException>(() => _memory.PrepareAsync(new string('o', 1025), "c1", [Turns.User("hi")], Budget, Token).AsTask());

        Assert.Equal(("owner", "owner"), (empty.ParamName, huge.ParamName));
        Assert.Contains("at most 1024 UTF-8 bytes", huge.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, Message[], string> BadMessages => new()
    {
        { "none", [], "messages must contain at least one message" },
        { "assistant first", [Turns.Assistant("prefill"), Turns.User("q")], "messages[0].role must be 'user'" },
        { "assistant last", [Turns.User("q"), Turns.Assistant("prefill")], "messages[1].role must be 'user'" },
        { "unknown role", [new Message { Role = "system", Content = [ContentBlock.FromText("x")] }], "messages[0].role must be 'user' or 'assistant' (was 'system')" },
        { "empty content", [new Message { Role = ConversationRole.User, Content = [] }], "messages[0].content must be a non-empty list" },
        { "null message", [Turns.User("a"), null!, Turns.User("b")], "messages[1] must not be null" },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public async Task BadMessagesAreRefusedNamingTheMessage(string because, Message[] messages, string message)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _memory.PrepareAsync("tenant-a", "c1", messages, Budget, Token).AsTask());

        Assert.Equal("messages", error.ParamName);
        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{because}: {error.Message}");
        Assert.Equal(0, _store.Loads);
    }

    [Fact]
    public async Task MessagesTooLargeToStoreAreRefusedBeforeTheModelIsCalled()
    {
        var error = await Assert.ThrowsAsync<ConversationTurnTooLargeException>(
            () => _memory.PrepareAsync("tenant-a", "c1", [Turns.User(new string('x', ConversationLimits.MaxTurnBytes))], Budget, Token).AsTask());

        Assert.Equal("messages", error.Field);
        Assert.Equal(0, _store.Loads);
    }

    [Theory]
    [InlineData("", 10)]
    [InlineData("model", 0)]
    [InlineData("model", -5)]
    public async Task ABadBudgetIsRefused(string model, long tokens)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _memory.PrepareAsync("tenant-a", "c1", [Turns.User("hi")], new ConversationBudget(model, tokens), Token).AsTask());

        Assert.Equal("budget", error.ParamName);
    }

    [Fact]
    public async Task TheReplyMustBeANonEmptyAssistantMessage()
    {
        var prepared = await _memory.PrepareAsync("tenant-a", "c1", [Turns.User("hi")], Budget, Token);

        var role = await Assert.ThrowsAsync<ArgumentException>(() => _memory.CommitAsync(prepared, Turns.User("me again"), null, Token).AsTask());
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => _memory.CommitAsync(prepared, new Message { Role = ConversationRole.Assistant }, null, Token).AsTask());

        Assert.Contains("assistantMessage.role must be 'assistant' (was 'user')", role.Message, StringComparison.Ordinal);
        Assert.Contains("assistantMessage.content must not be empty", empty.Message, StringComparison.Ordinal);
        Assert.Equal(0, _store.Appends);
    }

    [Fact]
    public void OptionsAreChecked()
    {
        var store = new InMemoryConversationStore(_time);
        Assert.Throws<ArgumentException>(() => new ConversationMemory(store, new CharacterTokens(), _time, new ConversationMemoryOptions { MaxTurnsLoaded = 0 }));
        Assert.Throws<ArgumentException>(() => new ConversationMemory(store, new CharacterTokens(), _time, new ConversationMemoryOptions { MaxTurnsLoaded = 1001 }));
        Assert.Throws<ArgumentException>(() => new ConversationMemory(store, new CharacterTokens(), _time, new ConversationMemoryOptions { SummaryMaxTokens = 0 }));
    }

    [Fact]
    public void KeyValidationIsAvailableWithoutExceptionsForRequestValidation()
    {
        Assert.Null(ConversationKey.ValidateConversationId("order-2024.07_a:b"));
        Assert.Equal("conversationId must not be empty.", ConversationKey.ValidateConversationId(null));
        Assert.Null(ConversationKey.ValidateOwner("arn:aws:iam::123456789012:user/ada"));
    }
}
