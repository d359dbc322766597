using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Serverless.Batch.Results;

/// <summary>
/// The batch results table, in one place for tests, local runs and the CDK app: partition key <c>pk</c> (the
/// batchId), sort key <c>sk</c> (the recordId), on-demand billing. Deferred batches waiting for the scheduled run
/// live in the same table under the partition <see cref="PendingPartition"/>.
/// </summary>
public static class ResultsTableDefinition
{
    public const string PartitionKeyAttribute = "pk";

    public const string SortKeyAttribute = "sk";

    /// <summary>Partition of the pending (deferred) batches; '#' cannot start a batchId.</summary>
    public const string PendingPartition = "#pending";

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
                new AttributeDefinition(SortKeyAttribute, ScalarAttributeType.S),
            ],
            KeySchema =
            [
                new KeySchemaElement(PartitionKeyAttribute, KeyType.HASH),
                new KeySchemaElement(SortKeyAttribute, KeyType.RANGE),
            ],
        };
    }
}
