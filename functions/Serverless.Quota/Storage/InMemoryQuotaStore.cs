using System.Collections.Concurrent;

namespace Serverless.Quota.Storage;

/// <summary>
/// Ledger items in process memory with exactly the conditions and effects of the DynamoDB store (see
/// <see cref="AdmitUpdate"/>, <see cref="RollUpdate"/>, <see cref="ReplaceUpdate"/>, <see cref="AdjustUpdate"/>): the embedded default for local
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
            var leasePart = update.LeaseCost != 0;
            if (state is null
                || state.Bucket != update.Bucket
                || state.UsedRequests > update.MaxUsedRequestsBefore
                || state.UsedTokens > update.MaxUsedTokensBefore
                || (leasePart && (state.LeaseBucket != update.LeaseBucket || state.ActiveLeases > update.MaxActiveLeasesBefore || state.LeaseSlots.Length == 0)))
            {
                return ValueTask.FromResult(new UpdateOutcome(false, state?.Clone()));
            }

            state.UsedRequests += update.RequestCost;
            state.UsedTokens += update.TokenCost;
            state.RequestSlots[update.Slot] += update.RequestCost;
            state.TokenSlots[update.Slot] += update.TokenCost;
            if (leasePart)
            {
                state.ActiveLeases += update.LeaseCost;
                state.LeaseSlots[update.LeaseSlot] += update.LeaseCost;
            }

            return ValueTask.FromResult(new UpdateOutcome(true, state.Clone()));
        }
    }

    public ValueTask<UpdateOutcome> RollAsync(string key, RollUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(update.NewState, nameof(update) + "." + nameof(update.NewState));
        cancellationToken.ThrowIfCancellationRequested();
        var item = ItemFor(key);
        lock (item)
        {
            var state = item.State;
            if (state is null || !RollConditionHolds(state, update))
            {
                return ValueTask.FromResult(new UpdateOutcome(false, state?.Clone()));
            }

            var next = update.NewState;
            if (next.Bucket != update.FromBucket)
            {
                var keep = update.KeepsFromSlot ? (int)(((update.FromBucket % state.RequestSlots.Length) + state.RequestSlots.Length) % state.RequestSlots.Length) : -1;
                for (var slot = 0; slot < state.RequestSlots.Length; slot++)
                {
                    if (slot != keep)
                    {
                        state.RequestSlots[slot] = next.RequestSlots[slot];
                        state.TokenSlots[slot] = next.TokenSlots[slot];
                    }
                }

                state.TokenAdjustments = new Dictionary<int, long>(next.TokenAdjustments);
                state.Bucket = next.Bucket;
            }

            if (update.ExpectedLeaseSlots is not null)
            {
                state.LeaseSlots = (long[])next.LeaseSlots.Clone();
            }

            state.LeaseBucket = next.LeaseBucket;
            state.UsedRequests += update.RequestDelta;
            state.UsedTokens += update.TokenDelta;
            state.ActiveLeases += update.LeaseDelta;
            state.ExpiresAtEpochSeconds = next.ExpiresAtEpochSeconds;
            state.Version++;
            return ValueTask.FromResult(new UpdateOutcome(true, state.Clone()));
        }
    }

    private static bool StillHolds(LedgerState state, LedgerState? seen)
        => seen is not null
        && state.Bucket == seen.Bucket
        && state.UsedRequests == seen.UsedRequests
        && state.UsedTokens == seen.UsedTokens
        && (seen.LeaseSlots.Length == 0 || (state.LeaseBucket == seen.LeaseBucket && state.ActiveLeases == seen.ActiveLeases));

    private static bool RollConditionHolds(LedgerState state, RollUpdate update)
    {
        if (state.Bucket != update.FromBucket
            || state.LeaseBucket != update.FromLeaseBucket
            || state.Version != update.ExpectedVersion
            || state.RequestSlots.Length != update.NewState.RequestSlots.Length
            || state.UsedRequests > update.MaxUsedRequestsBefore
            || state.UsedTokens > update.MaxUsedTokensBefore
            || state.ActiveLeases > update.MaxActiveLeasesBefore)
        {
            return false;
        }

        if (update.ExpectedLeaseSlots is { } expected && !state.LeaseSlots.AsSpan().SequenceEqual(expected))
        {
            return false;
        }

        if (update.PinsFromSlot)
        {
            var slot = (int)(((update.FromBucket % state.RequestSlots.Length) + state.RequestSlots.Length) % state.RequestSlots.Length);
            var adjusted = state.TokenAdjustments.GetValueOrDefault(slot);
            return state.RequestSlots[slot] == update.FromSlotRequests && state.TokenSlots[slot] - adjusted == update.FromSlotTokens;
        }

        return true;
    }

    public ValueTask<UpdateOutcome> ReplaceAsync(string key, ReplaceUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.ExpectedVersion is not null && update.Seen is null)
        {
            throw new ArgumentException("ReplaceUpdate.Seen is required with ExpectedVersion: the state the new one was computed from.", nameof(update));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var item = ItemFor(key);
        lock (item)
        {
            var state = item.State;
            var matches = update.ExpectedVersion is { } expected ? state is not null && state.Version == expected && StillHolds(state, update.Seen) : state is null;
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
                state.TokenAdjustments[tokenSlot] = state.TokenAdjustments.GetValueOrDefault(tokenSlot) + update.TokenDelta;
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
