using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Serverless.Quota.Storage.DynamoDb;

/// <summary>
/// The ledger table's shape, in one place for tests, local runs and the CDK app: a partition key only
/// (<c>pk</c>, string; no sort key — every item is read and written alone), on-demand billing, and TTL on
/// <c>ttl</c> so items disappear after their last reservation and lease expired. docs/quota-ledger-table.md explains it.
/// </summary>
public static class QuotaTableDefinition
{
    public const string PartitionKeyAttribute = LedgerItem.PartitionKey;

    public const string TimeToLiveAttribute = LedgerItem.ExpiresAt;

    public static CreateTableRequest CreateTableRequest(string tableName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        return new CreateTableRequest
        {
            TableName = tableName,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition(PartitionKeyAttribute, ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement(PartitionKeyAttribute, KeyType.HASH)],
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
