using Serverless.TestSupport;

namespace Serverless.Quota.Tests.DynamoDb;

/// <summary>A fresh ledger table per test class in the assembly's DynamoDB Local.</summary>
public sealed class LedgerTableFixture(DynamoDbLocalFixture dynamo) : IAsyncLifetime
{
    private string? _tableName;

    public DynamoDbLocalFixture Dynamo => dynamo;

    public string TableName => _tableName ?? throw new InvalidOperationException("The table is not created yet.");

    public async ValueTask InitializeAsync() => _tableName = await LedgerTable.CreateAsync(dynamo, CancellationToken.None);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
