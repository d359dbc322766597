using Serverless.Quota.Storage;

namespace Serverless.Functions.Tests.Support;

/// <summary>A ledger store that never answers in time (DynamoDB down).</summary>
internal sealed class UnreachableQuotaStore : IQuotaStore
{
    public ValueTask<UpdateOutcome> AdmitAsync(string key, AdmitUpdate update, CancellationToken cancellationToken) => throw Down();

    public ValueTask<UpdateOutcome> ReplaceAsync(string key, ReplaceUpdate update, CancellationToken cancellationToken) => throw Down();

    public ValueTask<UpdateOutcome> RollAsync(string key, RollUpdate update, CancellationToken cancellationToken) => throw Down();

    public ValueTask<UpdateOutcome> AdjustAsync(string key, AdjustUpdate update, CancellationToken cancellationToken) => throw Down();

    public ValueTask<LedgerState?> ReadAsync(string key, CancellationToken cancellationToken) => throw Down();

    private static QuotaStoreUnavailableException Down() => new("The table did not answer.");
}
