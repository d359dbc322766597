namespace Serverless.Conversations;

/// <summary>
/// Where conversation turns live. Appends are conditional on the version the caller loaded, so two turns running
/// concurrently on one conversation cannot interleave: the second to commit gets
/// <see cref="ConversationConflictException"/> and nothing of it is written.
/// </summary>
public interface IConversationStore
{
    /// <summary>The newest <paramref name="maxTurns"/> unexpired turns of the conversation and its version.</summary>
    ValueTask<ConversationHistory> LoadAsync(ConversationKey key, int maxTurns, CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="turn"/> as turn number <paramref name="expectedVersion"/> (0-based), all or nothing.
    /// Throws <see cref="ConversationConflictException"/> when another turn was appended since that version was loaded,
    /// and <see cref="ConversationTurnTooLargeException"/> when the turn exceeds <see cref="ConversationLimits.MaxTurnBytes"/>.
    /// <paramref name="expectedVersion"/> must be a <see cref="ConversationHistory.Version"/> a load returned: a store need
    /// not detect a version from nowhere (DynamoDB cannot without an extra read per append).
    /// </summary>
    ValueTask AppendTurnAsync(ConversationKey key, ConversationTurn turn, long expectedVersion, CancellationToken cancellationToken);
}
