using System.Collections.Concurrent;
using Serverless.Quota.Storage;

namespace Serverless.Quota.Ledger;

/// <summary>
/// The per-item half of the algorithm: admit a cost into one item (fast path, create, rollover, clock-ahead,
/// bounded retries), settle a reservation in it, take an admission back. Every store call goes through
/// <see cref="CallAsync"/>, which counts it and holds it to the decision's deadline.
/// </summary>
internal sealed class ItemWriter(IQuotaStore store, LedgerGeometry geometry, QuotaLedgerOptions options, TimeProvider time, QuotaLedgerCounters counters)
{
    private const int MaxRememberedItems = 10_000;

    // The last state this ledger saw of each item. When it shows the ring is stale by our clock, the rollover
    // Replace goes first instead of a fast path that would surely fail: one call instead of two when this
    // process is the item's only writer. A wrong guess costs what the fast path would have.
    private readonly ConcurrentDictionary<string, LedgerState> _lastSeen = new(StringComparer.Ordinal);

    public async ValueTask<ItemResult> AdmitAsync(string key, ScopeLimits limits, ItemCost cost, TimeSpan leaseDuration, DecisionContext context)
    {
        var now = context.Now;
        var bucket = geometry.Bucket(now);
        var leaseBucket = geometry.LeaseBucket(now);
        var takesLease = cost.Leases != 0;
        LedgerState? current = null;
        var knowCurrent = false;
        if (_lastSeen.TryGetValue(key, out var seen) && LedgerGeometry.NeedsRoll(seen, bucket, leaseBucket, takesLease))
        {
            current = seen;
            knowCurrent = true;
        }

        for (var attempt = 0; attempt < options.MaxAttemptsPerItem; attempt++)
        {
            long? expiry = takesLease ? geometry.LeaseExpiryBucket(now, leaseBucket, leaseDuration) : null;
            var leaseSlot = geometry.LeaseSlot(expiry ?? leaseBucket + 1);
            if (!knowCurrent)
            {
                var update = new AdmitUpdate(
                    bucket,
                    geometry.Slot(bucket),
                    cost.Requests,
                    cost.Tokens,
                    MaxBefore(limits.RequestsPerMinute, cost.Requests),
                    MaxBefore(limits.TokensPerMinute, cost.Tokens),
                    leaseBucket,
                    leaseSlot,
                    cost.Leases,
                    takesLease ? MaxBefore(limits.ConcurrentRequests, cost.Leases) : long.MaxValue);
                var outcome = await CallAsync(store.AdmitAsync(key, update, context.CancellationToken), context);
                if (outcome.Applied)
                {
                    RememberAdmission(key, outcome.Current, update);
                    return ItemResult.Admit(bucket, leaseBucket, expiry);
                }

                Remember(key, outcome.Current);

                current = outcome.Current;
                knowCurrent = true;
                continue;
            }

            if (current is null)
            {
                var created = geometry.Empty(bucket, leaseBucket, withLeaseRing: takesLease);
                LedgerGeometry.Apply(created, cost, geometry.Slot(bucket), leaseSlot);
                created.Version = 1;
                created.ExpiresAtEpochSeconds = geometry.ExpiresAtEpochSeconds(bucket, leaseBucket);
                var outcome = await CallAsync(store.ReplaceAsync(key, new ReplaceUpdate(null, created), context.CancellationToken), context);
                if (outcome.Applied)
                {
                    Remember(key, created);
                    return ItemResult.Admit(bucket, leaseBucket, expiry);
                }

                counters.LostRace();
                current = outcome.Current;
                Remember(key, current);
                continue;
            }

            var shaped = geometry.HasShape(current, takesLease);

            // Another writer's clock may be ahead: count in its bucket (later attribution only holds capacity longer).
            if ((current.Bucket > bucket || current.LeaseBucket > leaseBucket) && shaped)
            {
                bucket = Math.Max(bucket, current.Bucket);
                leaseBucket = Math.Max(leaseBucket, current.LeaseBucket);
                expiry = takesLease ? geometry.LeaseExpiryBucket(now, leaseBucket, leaseDuration) : null;
                leaseSlot = geometry.LeaseSlot(expiry ?? leaseBucket + 1);
            }

            // A lease-less item keeps its lease clock: nothing in it depends on that clock.
            var rollLeaseTo = current.LeaseSlots.Length > 0 || !shaped ? leaseBucket : current.LeaseBucket;
            var rolled = geometry.Rollover(current, bucket, rollLeaseTo, takesLease);
            if (!LedgerGeometry.FitsAll(rolled, limits, cost))
            {
                var (retryAt, kind) = geometry.WhenItFits(rolled, limits, cost);
                return ItemResult.Refuse(kind, retryAt);
            }

            if (shaped && !LedgerGeometry.NeedsRoll(current, bucket, leaseBucket, takesLease))
            {
                // The ring already stands at our (adopted) clocks: the fast path's condition can hold now.
                knowCurrent = false;
                continue;
            }

            LedgerGeometry.Apply(rolled, cost, geometry.Slot(bucket), leaseSlot);
            rolled.Version = current.Version + 1;
            rolled.ExpiresAtEpochSeconds = Math.Max(current.ExpiresAtEpochSeconds, geometry.ExpiresAtEpochSeconds(bucket, rollLeaseTo));
            var written = shaped
                ? await CallAsync(store.RollAsync(key, Roll(current, rolled, limits, takesLease), context.CancellationToken), context)
                : await Rewrite(key, current, rolled, context);
            if (written.Applied)
            {
                Remember(key, written.Current ?? rolled);
                return ItemResult.Admit(bucket, leaseBucket, expiry);
            }

            counters.LostRace();
            current = written.Current;
            Remember(key, current);
        }

        return ItemResult.Contention(now + options.BucketWidth);
    }

    /// <summary>
    /// The rollover (with this admission) as a write that concurrent lease-less admissions cannot make fail: it pins
    /// the clocks, the settlements and what it rewrites, and adds deltas to the live sums instead of setting them.
    /// </summary>
    private RollUpdate Roll(LedgerState current, LedgerState next, ScopeLimits limits, bool takesLease)
    {
        var fromSlot = geometry.Slot(current.Bucket);
        var requestDelta = next.UsedRequests - current.UsedRequests;
        var tokenDelta = next.UsedTokens - current.UsedTokens;
        var leaseDelta = next.ActiveLeases - current.ActiveLeases;
        return new RollUpdate(
            current.Bucket,
            current.LeaseBucket,
            current.Version,
            next,
            current.RequestSlots[fromSlot],
            current.TokenSlots[fromSlot] - current.TokenAdjustments.GetValueOrDefault(fromSlot),
            requestDelta,
            tokenDelta,
            leaseDelta,
            MaxBefore(limits.RequestsPerMinute, requestDelta),
            MaxBefore(limits.TokensPerMinute, tokenDelta),
            takesLease ? MaxBefore(limits.ConcurrentRequests, leaseDelta) : long.MaxValue,
            takesLease || next.LeaseBucket != current.LeaseBucket ? current.LeaseSlots : null,
            [.. current.TokenAdjustments.Keys.Where(slot => !next.TokenAdjustments.ContainsKey(slot))]);
    }

    /// <summary>An item of another shape is rewritten whole, conditional on its version and on the sums admissions change.</summary>
    private async ValueTask<UpdateOutcome> Rewrite(string key, LedgerState current, LedgerState next, DecisionContext context)
    {
        var outcome = await CallAsync(store.ReplaceAsync(key, new ReplaceUpdate(current.Version, next) { Seen = current }, context.CancellationToken), context);
        return outcome.Applied ? outcome with { Current = next } : outcome;
    }

    /// <summary>
    /// Settles one item: moves <paramref name="tokenDelta"/> into the reservation's bucket while it still counts,
    /// charges positive excess to the current bucket once it no longer does, and releases the lease unless it expired.
    /// No write when there is nothing to change.
    /// </summary>
    public async ValueTask SettleAsync(string key, long bucket, long tokenDelta, long? leaseExpiryBucket, DecisionContext context)
    {
        var lastCounting = geometry.LastBucketCounting(bucket);
        var tokenPart = tokenDelta != 0 && geometry.Bucket(context.Now) <= lastCounting;
        var chargeExcess = tokenDelta > 0 && !tokenPart;
        var leasePart = leaseExpiryBucket is { } expiry && geometry.LeaseBucket(context.Now) < expiry;
        for (var attempt = 0; attempt < options.MaxAttemptsPerItem && (tokenPart || leasePart); attempt++)
        {
            var update = new AdjustUpdate(
                tokenPart ? geometry.Slot(bucket) : null,
                tokenPart ? tokenDelta : 0,
                lastCounting,
                leasePart ? geometry.LeaseSlot(leaseExpiryBucket!.Value) : null,
                leasePart ? -1 : 0,
                leaseExpiryBucket ?? 0);
            var outcome = await CallAsync(store.AdjustAsync(key, update, context.CancellationToken), context);
            Remember(key, outcome.Current);
            if (outcome.Applied)
            {
                break;
            }

            var current = outcome.Current;
            var dropped = false;
            if (tokenPart && (current is null || current.Bucket > lastCounting))
            {
                // The reservation left the window: it stopped counting; excess is charged to the current bucket instead.
                tokenPart = false;
                chargeExcess = tokenDelta > 0;
                dropped = true;
            }

            if (leasePart && (current is null || current.LeaseBucket >= leaseExpiryBucket!.Value))
            {
                leasePart = false;
                dropped = true;
            }

            if (!dropped)
            {
                break;
            }
        }

        if (chargeExcess)
        {
            await AdmitAsync(key, ScopeLimits.Unlimited, new ItemCost(0, tokenDelta, 0), TimeSpan.Zero, context);
        }
    }

    /// <summary>
    /// Takes back an admission another item refused: the same admission write with negated costs and no limits.
    /// If the ring moved meanwhile, gives back the tokens and the lease by settlement; the request then stays
    /// counted until it leaves the window (conservative).
    /// </summary>
    public async ValueTask CompensateAsync(string key, ItemResult admitted, ItemCost cost, DecisionContext context)
    {
        var update = new AdmitUpdate(
            admitted.Bucket,
            geometry.Slot(admitted.Bucket),
            -cost.Requests,
            -cost.Tokens,
            long.MaxValue,
            long.MaxValue,
            admitted.LeaseBucket,
            geometry.LeaseSlot(admitted.LeaseExpiryBucket ?? admitted.LeaseBucket + 1),
            admitted.LeaseExpiryBucket is null ? 0 : -cost.Leases,
            long.MaxValue);
        var outcome = await CallAsync(store.AdmitAsync(key, update, context.CancellationToken), context);
        if (outcome.Applied)
        {
            RememberAdmission(key, outcome.Current, update);
        }
        else
        {
            Remember(key, outcome.Current);
            await SettleAsync(key, admitted.Bucket, -cost.Tokens, admitted.LeaseExpiryBucket, context);
        }
    }

    public async ValueTask<LedgerState?> ReadAsync(string key, DecisionContext context)
    {
        context.StoreCalls++;
        var pending = store.ReadAsync(key, context.CancellationToken);
        return pending.IsCompletedSuccessfully ? pending.Result : await WithDeadline(pending.AsTask(), context);
    }

    private async ValueTask<UpdateOutcome> CallAsync(ValueTask<UpdateOutcome> pending, DecisionContext context)
    {
        context.StoreCalls++;
        return pending.IsCompletedSuccessfully ? pending.Result : await WithDeadline(pending.AsTask(), context);
    }

    private async Task<T> WithDeadline<T>(Task<T> pending, DecisionContext context)
    {
        if (context.Deadline == DateTimeOffset.MaxValue)
        {
            return await pending;
        }

        var remaining = context.Deadline - time.GetUtcNow();
        try
        {
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException();
            }

            return await pending.WaitAsync(remaining, time, context.CancellationToken);
        }
        catch (TimeoutException exception)
        {
            // The store call may still complete; a write it makes then is a hold that expires by itself.
            _ = pending.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw new QuotaStoreUnavailableException($"The quota store did not answer within the ledger's StoreDeadline ({options.StoreDeadline.TotalSeconds:0.###} s).", exception);
        }
    }

    /// <summary>
    /// After an applied fast path: the item as the store returned it, or, when it returned none (DynamoDB without
    /// ReturnValues), the remembered state with this admission added. Admissions of others are missing from it, which
    /// a rollover does not need: it adds deltas to the live sums, and its condition pins everything else it rewrites.
    /// </summary>
    private void RememberAdmission(string key, LedgerState? returned, AdmitUpdate update)
    {
        if (returned is not null)
        {
            Remember(key, returned);
            return;
        }

        if (_lastSeen.TryGetValue(key, out var seen) && seen.Bucket == update.Bucket && (update.LeaseCost == 0 || seen.LeaseBucket == update.LeaseBucket))
        {
            var next = seen.Clone();
            LedgerGeometry.Apply(next, new ItemCost(update.RequestCost, update.TokenCost, update.LeaseCost), update.Slot, update.LeaseSlot);
            _lastSeen[key] = next;
        }
    }

    private void Remember(string key, LedgerState? state)
    {
        if (state is null)
        {
            _lastSeen.TryRemove(key, out _);
            return;
        }

        if (_lastSeen.Count >= MaxRememberedItems)
        {
            _lastSeen.Clear();
        }

        _lastSeen[key] = state;
    }

    private static long MaxBefore(long? limit, long cost) => limit is { } max ? max - cost : long.MaxValue;
}
