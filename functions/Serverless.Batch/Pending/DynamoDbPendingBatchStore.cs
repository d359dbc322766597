using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Serverless.Batch.Results;

namespace Serverless.Batch.Pending;

/// <summary>
/// Pending batches in the results table under <see cref="ResultsTableDefinition.PendingPartition"/>. A claim is a
/// conditional delete: only the caller whose delete removed the item runs that batch.
/// </summary>
public sealed class DynamoDbPendingBatchStore(IAmazonDynamoDB dynamoDb, string tableName) : IPendingBatchStore
{
    public async ValueTask EnqueueAsync(PendingBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await dynamoDb.PutItemAsync(new PutItemRequest
        {
            TableName = tableName,
            Item = new Dictionary<string, AttributeValue>
            {
                [ResultsTableDefinition.PartitionKeyAttribute] = new(ResultsTableDefinition.PendingPartition),
                [ResultsTableDefinition.SortKeyAttribute] = new(batch.BatchId),
                ["modelId"] = new(batch.ModelId),
                ["inputUri"] = new(batch.InputUri),
                ["enqueuedAt"] = new(batch.EnqueuedAt.ToString("O", CultureInfo.InvariantCulture)),
            },
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<PendingBatch>> ClaimAllAsync(CancellationToken cancellationToken)
    {
        var claimed = new List<PendingBatch>();
        var request = new QueryRequest
        {
            TableName = tableName,
            KeyConditionExpression = "pk = :pk",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = new(ResultsTableDefinition.PendingPartition) },
            ConsistentRead = true,
        };
        while (true)
        {
            var page = await dynamoDb.QueryAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items ?? [])
            {
                if (await TryClaimAsync(item, cancellationToken).ConfigureAwait(false) is { } batch)
                {
                    claimed.Add(batch);
                }
            }

            if (page.LastEvaluatedKey is not { Count: > 0 } next)
            {
                break;
            }

            request.ExclusiveStartKey = next;
        }

        return claimed.OrderBy(b => b.EnqueuedAt).ThenBy(b => b.BatchId, StringComparer.Ordinal).ToList();
    }

    private async Task<PendingBatch?> TryClaimAsync(Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await dynamoDb.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = tableName,
                Key = new Dictionary<string, AttributeValue>
                {
                    [ResultsTableDefinition.PartitionKeyAttribute] = item[ResultsTableDefinition.PartitionKeyAttribute],
                    [ResultsTableDefinition.SortKeyAttribute] = item[ResultsTableDefinition.SortKeyAttribute],
                },
                ConditionExpression = "attribute_exists(pk)",
                ReturnValues = ReturnValue.ALL_OLD,
            }, cancellationToken).ConfigureAwait(false);
            var old = deleted.Attributes;
            return new PendingBatch
            {
                BatchId = old[ResultsTableDefinition.SortKeyAttribute].S,
                ModelId = old["modelId"].S,
                InputUri = old["inputUri"].S,
                EnqueuedAt = DateTimeOffset.Parse(old["enqueuedAt"].S, CultureInfo.InvariantCulture),
            };
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }
}
