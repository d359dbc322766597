using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Serverless.Conversations.Storage.DynamoDb;
using Serverless.TestSupport;

namespace Serverless.Conversations.Tests.Stores;

/// <summary>The table the definition creates is the one the store and docs/conversations.md assume.</summary>
public sealed class ConversationTableDefinitionTests(DynamoDbLocalFixture dynamo)
{
    [Fact]
    public async Task TheTableIsKeyedByConversationAndTurnWithOnDemandBillingAndTtl()
    {
        var token = TestContext.Current.CancellationToken;
        var name = await dynamo.CreateTableAsync("conversations-ttl", ConversationTableDefinition.CreateTableRequest, token);
        await dynamo.Client.UpdateTimeToLiveAsync(ConversationTableDefinition.EnableTimeToLiveRequest(name), token);

        var described = (await dynamo.Client.DescribeTableAsync(name, token)).Table;
        var ttl = (await dynamo.Client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = name }, token)).TimeToLiveDescription;

        Assert.Equal([("pk", KeyType.HASH), ("sk", KeyType.RANGE)], described.KeySchema.Select(k => (k.AttributeName, k.KeyType)));
        Assert.Equal(
            [("pk", ScalarAttributeType.S), ("sk", ScalarAttributeType.N)],
            described.AttributeDefinitions.OrderBy(a => a.AttributeName, StringComparer.Ordinal).Select(a => (a.AttributeName, a.AttributeType)));
        Assert.Equal(BillingMode.PAY_PER_REQUEST, described.BillingModeSummary?.BillingMode);
        Assert.Equal(("ttl", TimeToLiveStatus.ENABLED), (ttl.AttributeName, ttl.TimeToLiveStatus));
        Assert.Equal(("pk", "sk", "ttl"), (ConversationTableDefinition.PartitionKeyAttribute, ConversationTableDefinition.SortKeyAttribute, ConversationTableDefinition.TimeToLiveAttribute));
    }

    [Fact]
    public void BlankTableNamesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => ConversationTableDefinition.CreateTableRequest(""));
        Assert.Throws<ArgumentException>(() => ConversationTableDefinition.EnableTimeToLiveRequest(" "));
    }
}
