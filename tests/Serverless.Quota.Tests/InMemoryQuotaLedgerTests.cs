using Serverless.Quota.Storage;
using Serverless.Quota.Tests.Contract;

namespace Serverless.Quota.Tests;

/// <summary>The contract suite against the in-memory store (a fresh store per test).</summary>
public sealed class InMemoryQuotaLedgerTests : QuotaLedgerContractTests
{
    protected override ValueTask<IQuotaStore> CreateStoreAsync() => ValueTask.FromResult<IQuotaStore>(new InMemoryQuotaStore());
}
