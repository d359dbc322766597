using Amazon.DynamoDBv2.Model;

namespace Serverless.Bench.Quota;

/// <summary>
/// The baselines of the quota benchmarks: an ADD of 1 to a counter, bare (the floor under any DynamoDB write), or
/// conditional on the counter staying under a limit (the least any exact DynamoDB limiter sends).
/// </summary>
internal static class CounterWrites
{
    public static UpdateItemRequest Add(string table, string key, bool condition) => new()
    {
        TableName = table,
        Key = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = key } },
        // Names as they are, no placeholders: the least a request can make DynamoDB parse (the ledger's admission does the same).
        ConditionExpression = condition ? "attribute_not_exists(c) OR c <= :max" : null,
        UpdateExpression = "ADD c :one",
        ExpressionAttributeValues = condition
            ? new Dictionary<string, AttributeValue> { [":one"] = new() { N = "1" }, [":max"] = new() { N = "1000000000000" } }
            : new Dictionary<string, AttributeValue> { [":one"] = new() { N = "1" } },
    };
}
