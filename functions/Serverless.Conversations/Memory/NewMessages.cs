using Serverless.Bedrock.Model;
using Serverless.Conversations.Storage;

namespace Serverless.Conversations.Memory;

/// <summary>Checks the caller's messages for a turn, naming the field of any problem (HTTP 400).</summary>
internal static class NewMessages
{
    private const string Field = "messages";

    /// <summary>
    /// A private copy (through the stored JSON form, so the size check is the store's own) of valid messages: at least
    /// one, roles user/assistant, none empty, the first and the last from the user.
    /// </summary>
    public static IReadOnlyList<Message> ValidateAndCopy(IReadOnlyList<Message>? messages)
    {
        if (messages is null)
        {
            throw new ArgumentNullException(Field, "messages must be given.");
        }

        if (messages.Count == 0)
        {
            throw new ArgumentException("messages must contain at least one message.", Field);
        }

        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not { } message)
            {
                throw new ArgumentException($"messages[{i}] must not be null.", Field);
            }

            if (message.Role is not (ConversationRole.User or ConversationRole.Assistant))
            {
                throw new ArgumentException($"messages[{i}].role must be 'user' or 'assistant' (was '{message.Role}').", Field);
            }

            if (message.Content is not { Count: > 0 } || message.Content.Any(block => block is null))
            {
                throw new ArgumentException($"messages[{i}].content must be a non-empty list of content blocks.", Field);
            }
        }

        if (messages[0].Role != ConversationRole.User)
        {
            throw new ArgumentException("messages[0].role must be 'user': a conversation turn starts with the caller's message.", Field);
        }

        if (messages[^1].Role != ConversationRole.User)
        {
            throw new ArgumentException($"messages[{messages.Count - 1}].role must be 'user': the model's reply completes the turn.", Field);
        }

        var json = TurnCodec.Encode(messages);
        TurnCodec.EnsureStorable(Field, json.Length);
        return TurnCodec.Decode(json);
    }

    /// <summary>Whether a turn opening with <paramref name="first"/> answers a tool call of the turn before it.</summary>
    public static bool AnswersTool(Message first) => first.Content.Any(block => block.ToolResult is not null);
}
