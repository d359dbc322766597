using Amazon.DynamoDBv2;
using Serverless.Quota.Storage.DynamoDb;
using Serverless.TestSupport;

namespace Serverless.Bench.Quota;

/// <summary>DynamoDB Local started exactly as the tests' fixture starts it, with one ledger table (TTL on).</summary>
internal sealed class DynamoDbLocalBench : IAsyncDisposable
{
    private DynamoDbLocalBench(DynamoDbLocalProcess local, string tableName)
    {
        Local = local;
        TableName = tableName;
    }

    public DynamoDbLocalProcess Local { get; }

    public IAmazonDynamoDB Client => Local.Client;

    public string TableName { get; }

    public static async Task<DynamoDbLocalBench> StartAsync()
    {
        var local = await DynamoDbLocalProcess.StartAsync();
        var table = await local.CreateTableAsync("quota-bench", QuotaTableDefinition.CreateTableRequest);
        await local.Client.UpdateTimeToLiveAsync(QuotaTableDefinition.EnableTimeToLiveRequest(table));
        return new DynamoDbLocalBench(local, table);
    }

    /// <summary>A store with production defaults except timeouts sized for a JVM sharing two cores with the load.</summary>
    public DynamoDbQuotaStore Store(bool returnItemOnSuccess = false) => new(
        Client,
        new DynamoDbQuotaStoreOptions
        {
            TableName = TableName,
            AttemptTimeout = TimeSpan.FromSeconds(5),
            Deadline = TimeSpan.FromSeconds(20),
            ReturnItemOnSuccess = returnItemOnSuccess,
        },
        TimeProvider.System,
        new Random(11));

    public ValueTask DisposeAsync() => Local.DisposeAsync();
}
