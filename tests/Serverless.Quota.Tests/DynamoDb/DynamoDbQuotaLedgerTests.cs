using Serverless.Quota.Storage;
using Serverless.Quota.Tests.Contract;

namespace Serverless.Quota.Tests.DynamoDb;

/// <summary>
/// The ledger contract suite against DynamoDB Local: one table for the class, isolated per test by the suite's key
/// prefix, without TTL because the suite's clock is simulated (see <see cref="LedgerTableOnSimulatedClockFixture"/>). The ledger runs on the suite's manual clock; the store's own timeouts use real time (generous, see
/// <see cref="LedgerTable.Store"/>) because DynamoDB Local answers in real time.
/// </summary>
public sealed class DynamoDbQuotaLedgerTests(LedgerTableOnSimulatedClockFixture table) : QuotaLedgerContractTests, IClassFixture<LedgerTableOnSimulatedClockFixture>
{
    protected override ValueTask<IQuotaStore> CreateStoreAsync()
        => ValueTask.FromResult<IQuotaStore>(LedgerTable.Store(table.Dynamo.Client, table.TableName));
}
