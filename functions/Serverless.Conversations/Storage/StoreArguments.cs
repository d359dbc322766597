using Serverless.Bedrock.Model;

namespace Serverless.Conversations.Storage;

/// <summary>Argument checks every store makes identically.</summary>
internal static class StoreArguments
{
    public static void ValidateMaxTurns(int maxTurns)
    {
        if (maxTurns is < 1 or > ConversationLimits.MaxTurnsPerLoad)
        {
            throw new ArgumentOutOfRangeException(nameof(maxTurns), maxTurns, $"maxTurns must be between 1 and {ConversationLimits.MaxTurnsPerLoad}.");
        }
    }

    public static void ValidateTurn(ConversationTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.Messages is not { Count: >= 2 } messages)
        {
            throw new ArgumentException("A turn needs at least a user message and the assistant's reply.", nameof(turn));
        }

        if (messages[0].Role != ConversationRole.User)
        {
            throw new ArgumentException($"A turn starts with a user message (turn.Messages[0].role was '{messages[0].Role}').", nameof(turn));
        }

        if (messages[^1].Role != ConversationRole.Assistant)
        {
            throw new ArgumentException($"A turn ends with the assistant's reply (turn.Messages[{messages.Count - 1}].role was '{messages[^1].Role}').", nameof(turn));
        }
    }
}
