using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Serverless.Bench.Quota;

/// <summary>
/// The baseline: how DynamoDB rate limiters commonly decide (zae-limiter and others): read the counter item
/// (GetItem, strongly consistent), decide in the client, write the new count conditional on the version read
/// (optimistic concurrency), and on a conflict read again and retry. Exact too, but every decision costs two
/// requests and contention multiplies them. A fixed one-minute window keeps the baseline as cheap as it can be.
/// </summary>
internal sealed class ReadThenWriteLimiter(IAmazonDynamoDB client, string tableName, string key, long limitPerMinute, TimeProvider time)
{
    private const int MaxAttempts = 100;
    private long _conflicts;
    private long _requests;

    public long Conflicts => Interlocked.Read(ref _conflicts);

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>True when admitted; false when the minute's limit is reached or contention outlasted the attempts.</summary>
    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        var itemKey = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = key } };
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var minute = time.GetUtcNow().ToUnixTimeSeconds() / 60;
            Interlocked.Increment(ref _requests);
            var read = await client.GetItemAsync(new GetItemRequest { TableName = tableName, Key = itemKey, ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
            var exists = read.Item is { Count: > 0 };
            var version = exists ? long.Parse(read.Item!["v"].N, CultureInfo.InvariantCulture) : 0;
            var window = exists ? long.Parse(read.Item!["w"].N, CultureInfo.InvariantCulture) : minute;
            var count = exists && window == minute ? long.Parse(read.Item!["c"].N, CultureInfo.InvariantCulture) : 0;
            if (count + 1 > limitPerMinute)
            {
                return false;
            }

            var write = new PutItemRequest
            {
                TableName = tableName,
                Item = new Dictionary<string, AttributeValue>
                {
                    ["pk"] = new() { S = key },
                    ["v"] = new() { N = (version + 1).ToString(CultureInfo.InvariantCulture) },
                    ["w"] = new() { N = minute.ToString(CultureInfo.InvariantCulture) },
                    ["c"] = new() { N = (count + 1).ToString(CultureInfo.InvariantCulture) },
                },
                ConditionExpression = exists ? "#v = :v" : "attribute_not_exists(pk)",
                ExpressionAttributeNames = exists ? new Dictionary<string, string> { ["#v"] = "v" } : null,
                ExpressionAttributeValues = exists ? new Dictionary<string, AttributeValue> { [":v"] = new() { N = version.ToString(CultureInfo.InvariantCulture) } } : null,
            };
            try
            {
                Interlocked.Increment(ref _requests);
                await client.PutItemAsync(write, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (ConditionalCheckFailedException)
            {
                Interlocked.Increment(ref _conflicts);
            }
        }

        return false;
    }
}
