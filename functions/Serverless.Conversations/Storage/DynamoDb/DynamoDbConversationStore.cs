using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Serverless.Conversations.Storage.DynamoDb;

/// <summary>
/// Conversations in DynamoDB, one item per turn (docs/conversations.md): a load is one Query of the conversation's
/// partition, newest first, with consistent reads so the turn just committed is always seen; an append is one
/// conditional PutItem (<c>attribute_not_exists</c> on the next turn's key), or one transaction for a turn split over
/// several items. Two appends after the same load target the same key, so exactly one succeeds.
/// </summary>
public sealed class DynamoDbConversationStore : IConversationStore
{
    private const string NotYetWritten = "attribute_not_exists(" + TurnItem.PartitionKey + ")";

    private readonly IAmazonDynamoDB _client;
    private readonly string _tableName;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _retention;

    public DynamoDbConversationStore(IAmazonDynamoDB client, string tableName, TimeProvider timeProvider, ConversationStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new ConversationStoreOptions();
        options.Validate();
        _client = client;
        _tableName = tableName;
        _timeProvider = timeProvider;
        _retention = options.Retention;
    }

    public async ValueTask<ConversationHistory> LoadAsync(ConversationKey key, int maxTurns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        StoreArguments.ValidateMaxTurns(maxTurns);
        var reader = new HistoryReader(maxTurns, _timeProvider.GetUtcNow().ToUnixTimeSeconds(), _tableName);
        var request = new QueryRequest
        {
            TableName = _tableName,
            KeyConditionExpression = "#pk = :pk",
            ExpressionAttributeNames = new() { ["#pk"] = TurnItem.PartitionKey },
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = TurnItem.PartitionKeyOf(key) } },
            ScanIndexForward = false,
            ConsistentRead = true,
            // Nearly every turn is one item: one more than asked lets the reader see where the wanted turns end.
            Limit = maxTurns + 1,
        };
        do
        {
            var response = await CallAsync("load", key, () => _client.QueryAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            foreach (var item in response.Items ?? [])
            {
                reader.Add(TurnItem.FromItem(item, _tableName));
            }

            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (reader.WantsMore && request.ExclusiveStartKey is not null);

        return reader.Complete();
    }

    public async ValueTask AppendTurnAsync(ConversationKey key, ConversationTurn turn, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        StoreArguments.ValidateTurn(turn);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        var json = TurnCodec.Encode(turn.Messages);
        TurnCodec.EnsureStorable("turn", json.Length);
        var items = Split(key, turn, expectedVersion, json);
        if (items.Count == 1)
        {
            await PutAsync(key, items[0], expectedVersion, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await TransactAsync(key, items, expectedVersion, cancellationToken).ConfigureAwait(false);
        }
    }

    private List<Dictionary<string, AttributeValue>> Split(ConversationKey key, ConversationTurn turn, long index, byte[] json)
    {
        var parts = Math.Max(1, (json.Length + ConversationLimits.MaxPartBytes - 1) / ConversationLimits.MaxPartBytes);
        var expiresAt = (_timeProvider.GetUtcNow() + _retention).ToUnixTimeSeconds();
        var items = new List<Dictionary<string, AttributeValue>>(parts);
        for (var part = 0; part < parts; part++)
        {
            var offset = part * ConversationLimits.MaxPartBytes;
            var body = json.AsSpan(offset, Math.Min(ConversationLimits.MaxPartBytes, json.Length - offset)).ToArray();
            var first = part == 0;
            items.Add(new TurnItem(
                index, part, parts, body, turn.CreatedAt.ToUnixTimeMilliseconds(), expiresAt,
                first ? turn.Usage?.InputTokens : null, first ? turn.Usage?.OutputTokens : null).ToItem(key));
        }

        return items;
    }

    private async Task PutAsync(ConversationKey key, Dictionary<string, AttributeValue> item, long expectedVersion, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest
        {
            TableName = _tableName,
            Item = item,
            ConditionExpression = NotYetWritten,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        try
        {
            await CallAsync("append", key, () => _client.PutItemAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException e) when (!IsOwnEarlierAttempt(e.Item, item))
        {
            throw new ConversationConflictException(key.ConversationId, expectedVersion, e);
        }
        catch (ConditionalCheckFailedException)
        {
            // The SDK retried a put whose first attempt was applied (its response was lost): the turn is stored.
        }
    }

    private async Task TransactAsync(ConversationKey key, List<Dictionary<string, AttributeValue>> items, long expectedVersion, CancellationToken cancellationToken)
    {
        // The SDK fills ClientRequestToken once per call, so its own retry of an applied transaction is idempotent, not a conflict.
        var request = new TransactWriteItemsRequest
        {
            TransactItems = [.. items.Select(item => new TransactWriteItem { Put = new Put { TableName = _tableName, Item = item, ConditionExpression = NotYetWritten } })],
        };
        try
        {
            await CallAsync("append", key, () => _client.TransactWriteItemsAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (TransactionCanceledException e) when (e.CancellationReasons?.Any(r => r.Code is "ConditionalCheckFailed" or "TransactionConflict") == true)
        {
            throw new ConversationConflictException(key.ConversationId, expectedVersion, e);
        }
        catch (TransactionCanceledException e)
        {
            throw new ConversationStoreUnavailableException($"The conversation store (table '{_tableName}') refused to append to conversation '{key.ConversationId}': {e.Message}", e);
        }
    }

    private static bool IsOwnEarlierAttempt(Dictionary<string, AttributeValue>? stored, Dictionary<string, AttributeValue> written)
        => stored is not null
           && stored.TryGetValue(TurnItem.BodyAttribute, out var storedBody) && storedBody.B is not null
           && stored.TryGetValue(TurnItem.CreatedAt, out var storedAt) && storedAt.N == written[TurnItem.CreatedAt].N
           && storedBody.B.ToArray().AsSpan().SequenceEqual(written[TurnItem.BodyAttribute].B.ToArray());

    /// <summary>Store failures that are not the caller's fault become <see cref="ConversationStoreUnavailableException"/> (HTTP 503).</summary>
    private async Task<T> CallAsync<T>(string operation, ConversationKey key, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is ConditionalCheckFailedException or TransactionCanceledException)
        {
            throw;
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ConversationStoreUnavailableException(
                $"The conversation store (table '{_tableName}') failed to {operation} conversation '{key.ConversationId}': {e.Message}", e);
        }
    }
}
