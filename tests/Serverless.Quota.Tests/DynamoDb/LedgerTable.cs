using Amazon.DynamoDBv2;
using Serverless.Quota.Storage.DynamoDb;
using Serverless.TestSupport;

namespace Serverless.Quota.Tests.DynamoDb;

/// <summary>Creates fresh ledger tables in DynamoDB Local, shaped exactly as production's (QuotaTableDefinition).</summary>
internal static class LedgerTable
{
    public static async Task<string> CreateAsync(DynamoDbLocalFixture dynamo, bool timeToLive, CancellationToken cancellationToken)
    {
        var name = await dynamo.CreateTableAsync("quota", QuotaTableDefinition.CreateTableRequest, cancellationToken);
        if (timeToLive)
        {
            await dynamo.Client.UpdateTimeToLiveAsync(QuotaTableDefinition.EnableTimeToLiveRequest(name), cancellationToken);
        }

        return name;
    }

    /// <summary>
    /// A store with generous timeouts: DynamoDB Local is a cold JVM sharing two cores with the tests, and an attempt cut
    /// by its timeout may still have been applied (its retry then counts it twice), which would blur exact-count tests.
    /// </summary>
    public static DynamoDbQuotaStore Store(IAmazonDynamoDB client, string tableName, TimeProvider? timeProvider = null, bool returnItemOnSuccess = false)
        => new(
            client,
            new DynamoDbQuotaStoreOptions { TableName = tableName, AttemptTimeout = TimeSpan.FromSeconds(20), Deadline = TimeSpan.FromSeconds(60), ReturnItemOnSuccess = returnItemOnSuccess },
            timeProvider ?? TimeProvider.System,
            new Random(7));
}
