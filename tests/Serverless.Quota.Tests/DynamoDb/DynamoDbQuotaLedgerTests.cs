using Serverless.Quota.Storage;
using Serverless.Quota.Tests.Contract;

namespace Serverless.Quota.Tests.DynamoDb;

/// <summary>
/// The ledger contract suite against DynamoDB Local: one table for the class, isolated per test by the suite's key
/// prefix. The ledger runs on the suite's manual clock; the store's own timeouts use real time (generous, see
/// <see cref="LedgerTable.Store"/>) because DynamoDB Local answers in real time.
/// </summary>
public sealed class DynamoDbQuotaLedgerTests(LedgerTableFixture table) : QuotaLedgerContractTests, IClassFixture<LedgerTableFixture>
{
    protected override ValueTask<IQuotaStore> CreateStoreAsync()
        => ValueTask.FromResult<IQuotaStore>(LedgerTable.Store(table.Dynamo.Client, table.TableName));
}
