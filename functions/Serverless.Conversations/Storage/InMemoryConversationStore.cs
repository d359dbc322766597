namespace Serverless.Conversations.Storage;

/// <summary>
/// Conversations in process memory, for tests and the local host. Behaves as <see cref="DynamoDb.DynamoDbConversationStore"/>
/// does: turns are kept as their Bedrock JSON (so nothing a caller mutates afterwards changes history), each expires
/// <see cref="ConversationStoreOptions.Retention"/> after it was written, appends are conditional on the version.
/// Thread-safe; state is per instance.
/// </summary>
public sealed class InMemoryConversationStore : IConversationStore
{
    private readonly Dictionary<ConversationKey, List<StoredTurn>> _conversations = [];
    private readonly object _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _retention;

    public InMemoryConversationStore(TimeProvider timeProvider, ConversationStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new ConversationStoreOptions();
        options.Validate();
        _timeProvider = timeProvider;
        _retention = options.Retention;
    }

    public ValueTask<ConversationHistory> LoadAsync(ConversationKey key, int maxTurns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        StoreArguments.ValidateMaxTurns(maxTurns);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (!_conversations.TryGetValue(key, out var turns))
            {
                return ValueTask.FromResult(ConversationHistory.Empty);
            }

            var kept = turns.Where(t => t.ExpiresAt > now).TakeLast(maxTurns).Select(t => t.Decode()).ToList();
            return ValueTask.FromResult(new ConversationHistory(kept, turns.Count));
        }
    }

    public ValueTask AppendTurnAsync(ConversationKey key, ConversationTurn turn, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        StoreArguments.ValidateTurn(turn);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        cancellationToken.ThrowIfCancellationRequested();
        var json = TurnCodec.Encode(turn.Messages);
        TurnCodec.EnsureStorable("turn", json.Length);
        var stored = new StoredTurn(json, turn.CreatedAt, turn.Usage, _timeProvider.GetUtcNow() + _retention);
        lock (_gate)
        {
            if (!_conversations.TryGetValue(key, out var turns))
            {
                turns = [];
                _conversations[key] = turns;
            }

            if (expectedVersion > turns.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(expectedVersion), expectedVersion, $"expectedVersion must be a version a load returned (the conversation has {turns.Count} turns).");
            }

            if (expectedVersion < turns.Count)
            {
                throw new ConversationConflictException(key.ConversationId, expectedVersion);
            }

            turns.Add(stored);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Expired turns stay listed (as DynamoDB keeps an expired item until its TTL sweep) so versions never go back.</summary>
    private sealed record StoredTurn(byte[] Json, DateTimeOffset CreatedAt, TurnUsage? Usage, DateTimeOffset ExpiresAt)
    {
        public ConversationTurn Decode() => new(TurnCodec.Decode(Json), CreatedAt, Usage);
    }
}
