using Serverless.Bedrock.Model;
using Serverless.Conversations.Memory;

namespace Serverless.Functions.Memory;

/// <summary>One request's part of a conversation: the messages to send, and the commit once the reply is in.</summary>
internal sealed class ConversationTurnScope
{
    private readonly ConversationMemory? _memory;
    private readonly PreparedTurn? _prepared;

    public ConversationTurnScope(ConversationMemory memory, PreparedTurn prepared, string conversationId)
    {
        _memory = memory;
        _prepared = prepared;
        ConversationId = conversationId;
        Messages = [.. prepared.Messages];
    }

    private ConversationTurnScope(List<Message> messages)
    {
        Messages = messages;
    }

    /// <summary>Null when the request does not use memory.</summary>
    public string? ConversationId { get; }

    public List<Message> Messages { get; }

    /// <summary>Stored turns left out for the token budget (0 without memory).</summary>
    public int TurnsDropped => _prepared?.TurnsDropped ?? 0;

    /// <summary>True when a summary of the dropped turns leads the messages sent.</summary>
    public bool Summarized => _prepared?.Summary is not null;

    public static ConversationTurnScope WithoutMemory(List<Message> messages) => new(messages);

    /// <summary>Stores the turn (nothing without memory). A reply with no content is not stored: Converse would reject it as history.</summary>
    public async ValueTask CompleteAsync(Message reply, TokenUsage? usage, CancellationToken cancellationToken)
    {
        if (_memory is null || _prepared is null || reply.Content.Count == 0)
        {
            return;
        }

        await _memory.CommitAsync(_prepared, reply, usage, cancellationToken).ConfigureAwait(false);
    }
}
