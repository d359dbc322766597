using Amazon.DynamoDBv2;
using Serverless.Quota.Storage.DynamoDb;
using Serverless.TestSupport;

namespace Serverless.Quota.Tests.DynamoDb;

/// <summary>Creates fresh ledger tables in DynamoDB Local, shaped exactly as production's (QuotaTableDefinition).</summary>
internal static class LedgerTable
{
    public static async Task<string> CreateAsync(DynamoDbLocalFixture dynamo, CancellationToken cancellationToken)
    {
        var name = await dynamo.CreateTableAsync("quota", QuotaTableDefinition.CreateTableRequest, cancellationToken);
        await dynamo.Client.UpdateTimeToLiveAsync(QuotaTableDefinition.EnableTimeToLiveRequest(name), cancellationToken);
        return name;
    }

    public static DynamoDbQuotaStore Store(IAmazonDynamoDB client, string tableName, TimeProvider? timeProvider = null)
        => new(client, new DynamoDbQuotaStoreOptions { TableName = tableName }, timeProvider ?? TimeProvider.System, new Random(7));
}
