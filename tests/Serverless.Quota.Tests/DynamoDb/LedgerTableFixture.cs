using Serverless.TestSupport;

namespace Serverless.Quota.Tests.DynamoDb;

/// <summary>A fresh ledger table per test class in the assembly's DynamoDB Local, with TTL on as in production.</summary>
public class LedgerTableFixture(DynamoDbLocalFixture dynamo) : IAsyncLifetime
{
    private string? _tableName;

    public DynamoDbLocalFixture Dynamo => dynamo;

    public string TableName => _tableName ?? throw new InvalidOperationException("The table is not created yet.");

    protected virtual bool TimeToLive => true;

    public async ValueTask InitializeAsync() => _tableName = await LedgerTable.CreateAsync(dynamo, TimeToLive, CancellationToken.None);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// A ledger table without TTL, for tests whose clock is simulated: DynamoDB Local deletes items whose TTL has passed by
/// the REAL clock within moments (as DynamoDB would, eventually), so items written at a simulated past time would vanish
/// mid-test.
/// </summary>
public sealed class LedgerTableOnSimulatedClockFixture(DynamoDbLocalFixture dynamo) : LedgerTableFixture(dynamo)
{
    protected override bool TimeToLive => false;
}
