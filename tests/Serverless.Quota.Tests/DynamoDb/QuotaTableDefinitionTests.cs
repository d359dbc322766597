using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Serverless.Quota.Storage.DynamoDb;

namespace Serverless.Quota.Tests.DynamoDb;

/// <summary>The table the definition creates is the one the store and docs/quota-ledger-table.md assume.</summary>
public sealed class QuotaTableDefinitionTests(LedgerTableFixture table) : IClassFixture<LedgerTableFixture>
{
    [Fact]
    public async Task TheTableHasOnlyAStringPartitionKeyOnDemandBillingAndTtlOnTheTtlAttribute()
    {
        var token = TestContext.Current.CancellationToken;

        var described = (await table.Dynamo.Client.DescribeTableAsync(table.TableName, token)).Table;
        var ttl = (await table.Dynamo.Client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = table.TableName }, token)).TimeToLiveDescription;

        var key = Assert.Single(described.KeySchema);
        Assert.Equal(("pk", KeyType.HASH), (key.AttributeName, key.KeyType));
        Assert.Equal(ScalarAttributeType.S, Assert.Single(described.AttributeDefinitions).AttributeType);
        Assert.Equal(BillingMode.PAY_PER_REQUEST, described.BillingModeSummary?.BillingMode);
        Assert.Equal("ttl", ttl.AttributeName);
        Assert.Equal(TimeToLiveStatus.ENABLED, ttl.TimeToLiveStatus);
    }

    [Fact]
    public async Task AStoreOnAMissingTableFailsNamingTheTable()
    {
        var store = LedgerTable.Store(table.Dynamo.Client, "no-such-ledger-table");

        var error = await Assert.ThrowsAsync<Storage.QuotaStoreUnavailableException>(
            () => store.AdmitAsync("q#model", LedgerStates.Admission(100, 10, tokens: 5), TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("'no-such-ledger-table' was not found", error.Message, StringComparison.Ordinal);
        Assert.IsType<ResourceNotFoundException>(error.InnerException);
    }

    [Fact]
    public void BlankTableNamesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => QuotaTableDefinition.CreateTableRequest(" "));
        Assert.Throws<ArgumentException>(() => QuotaTableDefinition.EnableTimeToLiveRequest(""));
    }
}
