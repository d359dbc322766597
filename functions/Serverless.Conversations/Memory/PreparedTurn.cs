using Serverless.Bedrock.Model;

namespace Serverless.Conversations.Memory;

/// <summary>
/// A turn ready to send: <see cref="Messages"/> goes to Converse as is. Nothing is stored until
/// <see cref="ConversationMemory.CommitAsync"/> is called with the model's reply, so a failed call leaves the
/// conversation as it was.
/// </summary>
public sealed class PreparedTurn
{
    internal PreparedTurn(ConversationKey key, long expectedVersion, string modelId, IReadOnlyList<Message> newMessages, IReadOnlyList<Message> messages)
    {
        Key = key;
        ExpectedVersion = expectedVersion;
        ModelId = modelId;
        NewMessages = newMessages;
        Messages = messages;
    }

    public ConversationKey Key { get; }

    /// <summary>The conversation's version when loaded; the commit succeeds only if it is still that.</summary>
    public long ExpectedVersion { get; }

    public string ModelId { get; }

    /// <summary>The caller's messages of this turn (a private copy).</summary>
    public IReadOnlyList<Message> NewMessages { get; }

    /// <summary>What to send to Converse: the kept history (with the summary, if any, ahead of it) then the new messages.</summary>
    public IReadOnlyList<Message> Messages { get; }

    /// <summary>History turns included in <see cref="Messages"/>.</summary>
    public int TurnsSent { get; internal init; }

    /// <summary>Loaded history turns left out for the budget.</summary>
    public int TurnsDropped { get; internal init; }

    /// <summary>The summary of the dropped turns sent ahead of the history, or null.</summary>
    public string? Summary { get; internal init; }

    /// <summary>The estimated input tokens of <see cref="Messages"/>.</summary>
    public long EstimatedTokens { get; internal init; }

    /// <summary>
    /// True when <see cref="Messages"/> is estimated above the budget: the new messages alone exceed it, or they
    /// answer a tool call whose turn must be sent with them (Converse rejects a toolResult without its toolUse).
    /// </summary>
    public bool OverBudget { get; internal init; }
}
