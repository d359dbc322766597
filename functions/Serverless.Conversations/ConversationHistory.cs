namespace Serverless.Conversations;

/// <summary>
/// A conversation as loaded: its newest turns (oldest first) and its <see cref="Version"/>, the number of turns ever
/// appended. A conversation nobody has started (or that belongs to someone else) is empty with version 0.
/// </summary>
/// <param name="Turns">The turns still kept (not expired), oldest first; at most the number asked for.</param>
/// <param name="Version">Pass it to <see cref="IConversationStore.AppendTurnAsync"/> as the expected version.</param>
public sealed record ConversationHistory(IReadOnlyList<ConversationTurn> Turns, long Version)
{
    public static ConversationHistory Empty { get; } = new([], 0);
}
