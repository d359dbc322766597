using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Serverless.Conversations.Storage.DynamoDb;

/// <summary>
/// The conversation table's shape, in one place for tests, local runs and the CDK app: partition key <c>pk</c>
/// (string, owner#conversationId), sort key <c>sk</c> (number, turn × 100 + part), on-demand billing, TTL on
/// <c>ttl</c>. docs/conversations.md explains why one item per turn.
/// </summary>
public static class ConversationTableDefinition
{
    public const string PartitionKeyAttribute = TurnItem.PartitionKey;

    public const string SortKeyAttribute = TurnItem.SortKey;

    public const string TimeToLiveAttribute = TurnItem.ExpiresAt;

    public static CreateTableRequest CreateTableRequest(string tableName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        return new CreateTableRequest
        {
            TableName = tableName,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions =
            [
                new AttributeDefinition(PartitionKeyAttribute, ScalarAttributeType.S),
                new AttributeDefinition(SortKeyAttribute, ScalarAttributeType.N),
            ],
            KeySchema =
            [
                new KeySchemaElement(PartitionKeyAttribute, KeyType.HASH),
                new KeySchemaElement(SortKeyAttribute, KeyType.RANGE),
            ],
        };
    }

    /// <summary>TTL is switched on by a separate call after the table exists.</summary>
    public static UpdateTimeToLiveRequest EnableTimeToLiveRequest(string tableName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        return new UpdateTimeToLiveRequest
        {
            TableName = tableName,
            TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = TimeToLiveAttribute, Enabled = true },
        };
    }
}
