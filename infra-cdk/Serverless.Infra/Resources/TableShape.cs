using Amazon.CDK.AWS.DynamoDB;
using Sdk = Amazon.DynamoDBv2;
using SdkModel = Amazon.DynamoDBv2.Model;

namespace Serverless.Infra.Resources;

/// <summary>
/// A table's keys and billing taken from the CreateTableRequest its store defines (QuotaTableDefinition,
/// ConversationTableDefinition, ResultsTableDefinition), so the deployed table and the one the tests create on
/// DynamoDB Local cannot drift apart.
/// </summary>
public static class TableShape
{
    public static TableProps From(SdkModel.CreateTableRequest definition, string? timeToLiveAttribute)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.BillingMode != Sdk.BillingMode.PAY_PER_REQUEST)
        {
            throw new InvalidOperationException($"Table definition {definition.TableName}: the stack deploys on-demand tables only.");
        }

        var types = definition.AttributeDefinitions.ToDictionary(a => a.AttributeName, a => Type(a.AttributeType), StringComparer.Ordinal);
        Amazon.CDK.AWS.DynamoDB.Attribute Key(SdkModel.KeySchemaElement element) => new() { Name = element.AttributeName, Type = types[element.AttributeName] };

        var hash = definition.KeySchema.Single(k => k.KeyType == Sdk.KeyType.HASH);
        var range = definition.KeySchema.SingleOrDefault(k => k.KeyType == Sdk.KeyType.RANGE);
        return new TableProps
        {
            PartitionKey = Key(hash),
            SortKey = range is null ? null : Key(range),
            BillingMode = BillingMode.PAY_PER_REQUEST,
            TimeToLiveAttribute = timeToLiveAttribute,
        };
    }

    private static AttributeType Type(Sdk.ScalarAttributeType type) =>
        type == Sdk.ScalarAttributeType.S ? AttributeType.STRING
        : type == Sdk.ScalarAttributeType.N ? AttributeType.NUMBER
        : type == Sdk.ScalarAttributeType.B ? AttributeType.BINARY
        : throw new InvalidOperationException($"Unknown attribute type {type}.");
}
