using System.Collections.Concurrent;

namespace Serverless.Quota.Storage;

/// <summary>
/// Ledger items in process memory with exactly the conditions and effects of the DynamoDB store (see
/// <see cref="AdmitUpdate"/>, <see cref="ReplaceUpdate"/>, <see cref="AdjustUpdate"/>): the embedded default for local
/// runs and the reference the contract tests hold every store to. Exact for the ledgers of one process. Every call
/// completes synchronously; states are copied in and out so callers never share arrays with the store. Items are
/// never deleted (TTL is recorded, not enforced): their number is bounded by the configured scopes and callers.
/// </summary>
public sealed class InMemoryQuotaStore : IQuotaStore
{
    private readonly ConcurrentDictionary<string, Item> _items = new(StringComparer.Ordinal);

    public ValueTask<UpdateOutcome> AdmitAsync(string key, AdmitUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        cancellationToken.ThrowIfCancellationRequested();
        var item = ItemFor(key);
        lock (item)
        {
            var state = item.State;
            if (state is null
                || state.Bucket != update.Bucket
                || state.LeaseBucket != update.LeaseBucket
                || state.UsedRequests > update.MaxUsedRequestsBefore
                || state.UsedTokens > update.MaxUsedTokensBefore
                || state.ActiveLeases > update.MaxActiveLeasesBefore)
            {
                return ValueTask.FromResult(new UpdateOutcome(false, state?.Clone()));
            }

            state.UsedRequests += update.RequestCost;
            state.UsedTokens += update.TokenCost;
            state.RequestSlots[update.Slot] += update.RequestCost;
            state.TokenSlots[update.Slot] += update.TokenCost;
            state.ActiveLeases += update.LeaseCost;
            state.LeaseSlots[update.LeaseSlot] += update.LeaseCost;
            state.Version++;
            state.ExpiresAtEpochSeconds = update.ExpiresAtEpochSeconds;
            return ValueTask.FromResult(new UpdateOutcome(true, state.Clone()));
        }
    }

    public ValueTask<UpdateOutcome> ReplaceAsync(string key, ReplaceUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        cancellationToken.ThrowIfCancellationRequested();
        var item = ItemFor(key);
        lock (item)
        {
            var state = item.State;
            var matches = update.ExpectedVersion is { } expected ? state?.Version == expected : state is null;
            if (!matches)
            {
                return ValueTask.FromResult(new UpdateOutcome(false, state?.Clone()));
            }

            item.State = update.NewState.Clone();
            return ValueTask.FromResult(new UpdateOutcome(true, update.NewState.Clone()));
        }
    }

    public ValueTask<UpdateOutcome> AdjustAsync(string key, AdjustUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        cancellationToken.ThrowIfCancellationRequested();
        var item = ItemFor(key);
        lock (item)
        {
            var state = item.State;
            if (state is null
                || (update.TokenSlot is not null && state.Bucket > update.MaxBucketForTokens)
                || (update.LeaseSlot is not null && state.LeaseBucket >= update.LeaseExpiryBucket))
            {
                return ValueTask.FromResult(new UpdateOutcome(false, state?.Clone()));
            }

            if (update.TokenSlot is { } tokenSlot)
            {
                state.TokenSlots[tokenSlot] += update.TokenDelta;
                state.UsedTokens += update.TokenDelta;
            }

            if (update.LeaseSlot is { } leaseSlot)
            {
                state.LeaseSlots[leaseSlot] += update.LeaseDelta;
                state.ActiveLeases += update.LeaseDelta;
            }

            state.Version++;
            return ValueTask.FromResult(new UpdateOutcome(true, state.Clone()));
        }
    }

    public ValueTask<LedgerState?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_items.TryGetValue(key, out var item))
        {
            return ValueTask.FromResult<LedgerState?>(null);
        }

        lock (item)
        {
            return ValueTask.FromResult(item.State?.Clone());
        }
    }

    private Item ItemFor(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _items.GetOrAdd(key, static _ => new Item());
    }

    private sealed class Item
    {
        public LedgerState? State { get; set; }
    }
}
