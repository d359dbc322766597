using Serverless.Bedrock.Model;

namespace Serverless.Conversations;

/// <summary>
/// One exchange, stored as a unit: the caller's messages (starting with a user message) followed by the model's
/// assistant reply. History is trimmed in whole turns, so what is sent always alternates user/assistant correctly.
/// </summary>
/// <param name="Messages">Bedrock Converse messages, in order; the last one is the assistant's.</param>
/// <param name="CreatedAt">When the turn was committed.</param>
/// <param name="Usage">Bedrock's token counts for the call that produced the turn, when known.</param>
public sealed record ConversationTurn(IReadOnlyList<Message> Messages, DateTimeOffset CreatedAt, TurnUsage? Usage = null);

/// <summary>Bedrock's token counts for the call that produced a turn.</summary>
public sealed record TurnUsage(int InputTokens, int OutputTokens)
{
    public static TurnUsage? From(TokenUsage? usage) => usage is null ? null : new TurnUsage(usage.InputTokens, usage.OutputTokens);
}
