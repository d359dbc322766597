namespace Serverless.Conversations.Storage.DynamoDb;

/// <summary>
/// Rebuilds turns from items read newest first (a descending Query), keeping only the contiguous run of complete,
/// unexpired turns that ends at the newest turn. DynamoDB deletes expired items lazily and in no particular order, so
/// an expired item may still be read, and a turn may vanish before an older one: history stops at the first such gap.
/// </summary>
internal sealed class HistoryReader(int maxTurns, long nowSeconds, string tableName)
{
    private readonly List<ConversationTurn> _newestFirst = [];
    private readonly List<TurnItem> _parts = [];
    private bool _stopped;

    /// <summary>One more than the newest turn ever written, expired or not, so versions never go back.</summary>
    public long Version { get; private set; }

    public bool WantsMore => !_stopped && _newestFirst.Count < maxTurns;

    public void Add(TurnItem item)
    {
        if (_stopped)
        {
            return;
        }

        if (Version == 0)
        {
            Version = item.Turn + 1;
        }

        if (_parts.Count > 0 && _parts[0].Turn != item.Turn)
        {
            FinishTurn();
        }

        if (!_stopped)
        {
            _parts.Add(item);
        }
    }

    /// <summary>The kept turns, oldest first.</summary>
    public ConversationHistory Complete()
    {
        if (_parts.Count > 0)
        {
            FinishTurn();
        }

        _newestFirst.Reverse();
        return new ConversationHistory(_newestFirst, Version);
    }

    private void FinishTurn()
    {
        var expectedTurn = Version - 1 - _newestFirst.Count;
        _parts.Reverse();
        var head = _parts[0];
        var complete = head.Turn == expectedTurn
            && _parts.Count == head.Parts
            && _parts.Select((p, i) => p.Part == i && p.Parts == head.Parts).All(ok => ok)
            && _parts.All(p => p.ExpiresAtSeconds > nowSeconds);
        if (!complete || _newestFirst.Count >= maxTurns)
        {
            _stopped = true;
        }
        else
        {
            var json = _parts.Count == 1 ? head.Body : _parts.SelectMany(p => p.Body).ToArray();
            var usage = head.InputTokens is { } input && head.OutputTokens is { } output ? new TurnUsage(input, output) : null;
            _newestFirst.Add(new ConversationTurn(Decode(json, head.Turn), DateTimeOffset.FromUnixTimeMilliseconds(head.CreatedAtMs), usage));
            _stopped = _newestFirst.Count >= maxTurns;
        }

        _parts.Clear();
    }

    private List<Bedrock.Model.Message> Decode(byte[] json, long turn)
    {
        try
        {
            return TurnCodec.Decode(json);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ConversationStoreUnavailableException($"Turn {turn} of a conversation in table '{tableName}' is not Bedrock messages JSON ({e.Message}).", e);
        }
    }
}
