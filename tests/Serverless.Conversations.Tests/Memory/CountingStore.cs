namespace Serverless.Conversations.Tests.Memory;

/// <summary>Wraps a store and counts calls, to show what never reached it.</summary>
internal sealed class CountingStore(IConversationStore inner) : IConversationStore
{
    public int Loads { get; private set; }

    public int Appends { get; private set; }

    public ValueTask<ConversationHistory> LoadAsync(ConversationKey key, int maxTurns, CancellationToken cancellationToken)
    {
        Loads++;
        return inner.LoadAsync(key, maxTurns, cancellationToken);
    }

    public ValueTask AppendTurnAsync(ConversationKey key, ConversationTurn turn, long expectedVersion, CancellationToken cancellationToken)
    {
        Appends++;
        return inner.AppendTurnAsync(key, turn, expectedVersion, cancellationToken);
    }
}
