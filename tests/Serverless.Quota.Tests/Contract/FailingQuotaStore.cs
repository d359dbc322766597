using Serverless.Quota.Storage;

namespace Serverless.Quota.Tests.Contract;

/// <summary>A store that is down: every call throws as a real store does after its own retries, or never answers.</summary>
public sealed class FailingQuotaStore(bool hang = false) : IQuotaStore
{
    public int Calls { get; private set; }

    public ValueTask<UpdateOutcome> AdmitAsync(string key, AdmitUpdate update, CancellationToken cancellationToken) => Fail<UpdateOutcome>();

    public ValueTask<UpdateOutcome> RollAsync(string key, RollUpdate update, CancellationToken cancellationToken) => Fail<UpdateOutcome>();

    public ValueTask<UpdateOutcome> ReplaceAsync(string key, ReplaceUpdate update, CancellationToken cancellationToken) => Fail<UpdateOutcome>();

    public ValueTask<UpdateOutcome> AdjustAsync(string key, AdjustUpdate update, CancellationToken cancellationToken) => Fail<UpdateOutcome>();

    public ValueTask<LedgerState?> ReadAsync(string key, CancellationToken cancellationToken) => Fail<LedgerState?>();

    private ValueTask<T> Fail<T>()
    {
        Calls++;
        return hang
            ? new ValueTask<T>(new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously).Task)
            : throw new QuotaStoreUnavailableException("the store threw (test)");
    }
}
