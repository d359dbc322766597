using System.Globalization;
using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Serverless.Batch.Results;

/// <summary>
/// Results in DynamoDB (<see cref="ResultsTableDefinition"/>): one item per record, so a rewrite replaces it. Single
/// writes are conditional (a failure never replaces a success); the fan-out's batched writes are plain puts, which
/// is safe because a job's output only ever repeats itself and fan-out runs before any on-demand success exists.
/// </summary>
public sealed class DynamoDbResultsStore(IAmazonDynamoDB dynamoDb, string tableName, TimeProvider timeProvider) : IResultsStore
{
    private const int BatchWriteLimit = 25;

    public async ValueTask<bool> PutAsync(RecordResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = ToItem(result),
            ConditionExpression = "attribute_not_exists(pk) OR #status <> :succeeded OR :status = :succeeded",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#status"] = "status" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":succeeded"] = new(RecordStatus.Succeeded),
                [":status"] = new(result.Status),
            },
        };
        try
        {
            await dynamoDb.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async ValueTask PutManyAsync(IReadOnlyList<RecordResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        for (var start = 0; start < results.Count; start += BatchWriteLimit)
        {
            var writes = results.Skip(start).Take(BatchWriteLimit)
                .Select(r => new WriteRequest { PutRequest = new PutRequest { Item = ToItem(r) } })
                .ToList();
            var pending = new Dictionary<string, List<WriteRequest>> { [tableName] = writes };
            for (var attempt = 0; pending.Count > 0 && pending.TryGetValue(tableName, out var left) && left.Count > 0; attempt++)
            {
                if (attempt > 0)
                {
                    // Unprocessed items mean the table throttled: back off a little before sending the rest.
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 25 << Math.Min(attempt, 6))), timeProvider, cancellationToken).ConfigureAwait(false);
                }

                var response = await dynamoDb.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, cancellationToken).ConfigureAwait(false);
                pending = response.UnprocessedItems ?? [];
            }
        }
    }

    public async ValueTask<RecordResult?> GetAsync(string batchId, string recordId, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = Key(batchId, recordId),
            ConsistentRead = true,
        }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? FromItem(item) : null;
    }

    public async IAsyncEnumerable<RecordResult> ListAsync(string batchId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in QueryAsync(batchId, projection: null, cancellationToken).ConfigureAwait(false))
        {
            yield return FromItem(item);
        }
    }

    public async ValueTask<ResultCounts> CountAsync(string batchId, CancellationToken cancellationToken)
    {
        long succeeded = 0, failed = 0;
        await foreach (var item in QueryAsync(batchId, "#status", cancellationToken).ConfigureAwait(false))
        {
            if (item.TryGetValue("status", out var status) && status.S == RecordStatus.Succeeded)
            {
                succeeded++;
            }
            else
            {
                failed++;
            }
        }

        return new ResultCounts(succeeded, failed);
    }

    private async IAsyncEnumerable<Dictionary<string, AttributeValue>> QueryAsync(string batchId, string? projection,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new QueryRequest
        {
            TableName = tableName,
            KeyConditionExpression = "pk = :pk",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = new(batchId) },
            ConsistentRead = true,
        };
        if (projection is not null)
        {
            request.ProjectionExpression = projection;
            request.ExpressionAttributeNames = new Dictionary<string, string> { ["#status"] = "status" };
        }

        while (true)
        {
            var response = await dynamoDb.QueryAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in response.Items ?? [])
            {
                yield return item;
            }

            if (response.LastEvaluatedKey is not { Count: > 0 } next)
            {
                yield break;
            }

            request.ExclusiveStartKey = next;
        }
    }

    private static Dictionary<string, AttributeValue> Key(string batchId, string recordId) => new()
    {
        [ResultsTableDefinition.PartitionKeyAttribute] = new(batchId),
        [ResultsTableDefinition.SortKeyAttribute] = new(recordId),
    };

    private static Dictionary<string, AttributeValue> ToItem(RecordResult r)
    {
        var item = Key(r.BatchId, r.RecordId);
        item["status"] = new(r.Status);
        item["source"] = new(r.Source);
        item["attempts"] = Number(r.Attempts);
        item["final"] = new AttributeValue { BOOL = r.Final };
        item["inputTokens"] = Number(r.InputTokens);
        item["outputTokens"] = Number(r.OutputTokens);
        if (r.ModelOutput is not null)
        {
            item["modelOutput"] = new(r.ModelOutput);
        }

        if (r.ErrorCode is not null)
        {
            item["errorCode"] = new(r.ErrorCode);
        }

        if (r.ErrorMessage is not null)
        {
            item["errorMessage"] = new(r.ErrorMessage);
        }

        return item;
    }

    private static RecordResult FromItem(Dictionary<string, AttributeValue> item) => new()
    {
        BatchId = item[ResultsTableDefinition.PartitionKeyAttribute].S,
        RecordId = item[ResultsTableDefinition.SortKeyAttribute].S,
        Status = Text(item, "status") ?? RecordStatus.Failed,
        Source = Text(item, "source") ?? RecordSource.Batch,
        Attempts = (int)Long(item, "attempts"),
        Final = item.TryGetValue("final", out var final) && final.BOOL == true,
        InputTokens = Long(item, "inputTokens"),
        OutputTokens = Long(item, "outputTokens"),
        ModelOutput = Text(item, "modelOutput"),
        ErrorCode = Text(item, "errorCode"),
        ErrorMessage = Text(item, "errorMessage"),
    };

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static string? Text(Dictionary<string, AttributeValue> item, string name) => item.TryGetValue(name, out var v) ? v.S : null;

    private static long Long(Dictionary<string, AttributeValue> item, string name)
        => item.TryGetValue(name, out var v) && v.N is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : 0;
}
