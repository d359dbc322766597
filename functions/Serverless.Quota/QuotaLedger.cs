using Serverless.Quota.Ledger;
using Serverless.Quota.Storage;

namespace Serverless.Quota;

/// <summary>
/// The quota ledger (docs/quota-ledger.md): one conditional store write per admission decision on the fast path,
/// exact across any number of processes sharing the store. Thread-safe; create one per process and options set.
/// </summary>
public sealed class QuotaLedger : IQuotaLedger
{
    private static readonly TimeSpan UnavailableRetryAfter = TimeSpan.FromSeconds(1);

    private readonly QuotaLedgerOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly LedgerGeometry _geometry;
    private readonly CallerRules _callerRules;
    private readonly ItemWriter _items;

    /// <param name="store">Where items live (shared by every ledger that enforces the same quotas).</param>
    /// <param name="options">Limits and ring settings; validated here.</param>
    /// <param name="timeProvider">The clock buckets are computed from, and wait-in-line delays run on.</param>
    /// <param name="random">Picks shards and wait-in-line jitter (seed it for reproducible runs).</param>
    /// <exception cref="QuotaConfigurationException">The options are invalid; the message names the field.</exception>
    public QuotaLedger(IQuotaStore store, QuotaLedgerOptions options, TimeProvider timeProvider, Random random)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(random);
        options = options.Snapshot();
        options.Validate();
        _options = options;
        _time = timeProvider;
        _random = random;
        _geometry = new LedgerGeometry(options);
        _callerRules = new CallerRules(options.Callers);
        _items = new ItemWriter(store, _geometry, options, timeProvider, Counters);
    }

    /// <summary>A copy of the options this ledger enforces.</summary>
    public QuotaLedgerOptions Options => _options.Snapshot();

    /// <summary>Decisions, store calls and races of this instance (calls per decision is a benchmark figure).</summary>
    public QuotaLedgerCounters Counters { get; } = new();

    public async ValueTask<QuotaDecision> TryReserveAsync(QuotaRequest request, CancellationToken cancellationToken)
    {
        var plan = RequestPlan.Create(request, _options, _callerRules, _geometry);
        var context = NewContext(cancellationToken);
        var decision = await DecideAsync(plan, context);
        Counters.Decision(decision.Admitted, context.StoreCalls);
        return decision;
    }

    public async ValueTask<QuotaDecision> ReserveAsync(QuotaRequest request, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWait, TimeSpan.Zero);
        var deadline = _time.GetUtcNow() + maxWait;
        while (true)
        {
            var decision = await TryReserveAsync(request, cancellationToken);
            var remaining = deadline - _time.GetUtcNow();
            if (decision.Admitted || (decision.StoreUnavailable && !decision.Contended) || remaining <= TimeSpan.Zero)
            {
                return decision;
            }

            // Wait until the ring says there is room (plus jitter so waiters do not collide), but try once more at
            // the deadline even if that is sooner: settlements may have given capacity back early.
            var wait = decision.RetryAfter + Jitter();
            if (wait > remaining)
            {
                wait = remaining;
            }

            await Task.Delay(WholeMilliseconds(wait), _time, cancellationToken);
        }
    }

    /// <summary>
    /// Task.Delay on a TimeProvider rounds down to whole milliseconds, so a shorter wait completes at once without a
    /// timer: with the clock standing still the loop would call the store again and again. Round up, at least 1 ms.
    /// </summary>
    private static TimeSpan WholeMilliseconds(TimeSpan wait)
        => TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(wait.TotalMilliseconds)));

    public async ValueTask SettleAsync(QuotaReservation reservation, ActualUsage usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        if (usage.InputTokens < 0 || usage.OutputTokens < 0 || usage.CacheWriteInputTokens < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(usage), usage, "ActualUsage token counts must not be negative.");
        }

        if (reservation.Unrecorded)
        {
            return;
        }

        var actual = checked(usage.InputTokens + usage.CacheWriteInputTokens + (usage.OutputTokens * reservation.OutputTokenBurndown));
        var delta = actual - reservation.ReservedTokens;
        var context = NewContext(cancellationToken);
        try
        {
            await _items.SettleAsync(reservation.ScopeKey, reservation.Bucket, delta, reservation.LeaseExpiryBucket, context);
            if (reservation.CallerScopeKey is { } callerKey)
            {
                await _items.SettleAsync(callerKey, reservation.CallerBucket ?? reservation.Bucket, delta, reservation.CallerLeaseExpiryBucket, context);
            }
        }
        catch (QuotaStoreUnavailableException)
        {
            // Settlement only gives back or corrects: an unsettled hold expires by itself (window or lease expiry).
            Counters.StoreFailure();
        }
        finally
        {
            Counters.Settlement(context.StoreCalls);
        }
    }

    public async ValueTask<QuotaStatus> GetStatusAsync(string modelId, string? callerId, CancellationToken cancellationToken)
    {
        var quota = RequestPlan.ModelQuotaFor(modelId, _options);
        var context = NewContext(cancellationToken);
        var now = _time.GetUtcNow();
        var bucket = _geometry.Bucket(now);
        var leaseBucket = _geometry.LeaseBucket(now);
        var scopes = new List<ScopeUsage>();

        long requests = 0, tokens = 0, leases = 0;
        for (var shard = 0; shard < quota.Shards; shard++)
        {
            var state = await _items.ReadAsync(LedgerKeys.Scope(_options.KeyPrefix, modelId, shard, quota.Shards), context);
            if (state is not null)
            {
                var rolled = RollForStatus(state, bucket, leaseBucket);
                requests += rolled.UsedRequests;
                tokens += rolled.UsedTokens;
                leases += rolled.ActiveLeases;
            }
        }

        AddScope(scopes, modelId, requests, tokens, leases, quota.RequestsPerMinute, quota.TokensPerMinute, quota.ConcurrentRequests);
        if (callerId is not null)
        {
            var rule = RequestPlan.CallerRuleFor(modelId, callerId, _options, _callerRules);
            if (rule is not null)
            {
                var state = await _items.ReadAsync(LedgerKeys.Caller(_options.KeyPrefix, modelId, callerId), context);
                var rolled = state is null ? null : RollForStatus(state, bucket, leaseBucket);
                AddScope(scopes, LedgerKeys.CallerScopeName(modelId, callerId), rolled?.UsedRequests ?? 0, rolled?.UsedTokens ?? 0, rolled?.ActiveLeases ?? 0, rule.RequestsPerMinute, rule.TokensPerMinute, rule.ConcurrentRequests);
            }
        }

        return new QuotaStatus(modelId, callerId, scopes);
    }

    private LedgerState RollForStatus(LedgerState state, long bucket, long leaseBucket)
        => _geometry.HasShape(state)
            ? _geometry.Rollover(state, Math.Max(bucket, state.Bucket), Math.Max(leaseBucket, state.LeaseBucket))
            : _geometry.Rollover(state, bucket, leaseBucket);

    private static void AddScope(List<ScopeUsage> scopes, string scope, long requests, long tokens, long leases, long? rpm, long? tpm, long? concurrency)
    {
        if (rpm is { } r)
        {
            scopes.Add(new ScopeUsage(scope, QuotaLimitKind.RequestsPerMinute, requests, r));
        }

        if (tpm is { } t)
        {
            scopes.Add(new ScopeUsage(scope, QuotaLimitKind.TokensPerMinute, tokens, t));
        }

        if (concurrency is { } c)
        {
            scopes.Add(new ScopeUsage(scope, QuotaLimitKind.ConcurrentRequests, leases, c));
        }
    }

    private async ValueTask<QuotaDecision> DecideAsync(RequestPlan plan, DecisionContext context)
    {
        ItemResult? callerAdmission = null;
        try
        {
            if (plan.CallerKey is { } callerKey)
            {
                var callerResult = await _items.AdmitAsync(callerKey, plan.CallerLimits, plan.CallerCost, plan.LeaseDuration, context);
                if (!callerResult.Admitted)
                {
                    return Refusal(plan.CallerScopeName!, callerResult, context);
                }

                callerAdmission = callerResult;
            }

            // Sharded scopes: a random shard; if it refuses, the request is refused (no probing of other shards,
            // which would cost a write per shard exactly when the scope is saturated).
            var shard = plan.Quota.Shards == 1 ? 0 : NextShard(plan.Quota.Shards);
            var scopeKey = LedgerKeys.Scope(_options.KeyPrefix, plan.ModelId, shard, plan.Quota.Shards);
            var modelResult = await _items.AdmitAsync(scopeKey, ScopeLimits.ForShard(plan.Quota, shard), plan.ModelCost, plan.LeaseDuration, context);
            if (!modelResult.Admitted)
            {
                if (callerAdmission is { } admitted)
                {
                    await _items.CompensateAsync(plan.CallerKey!, admitted, plan.CallerCost, context);
                }

                return Refusal(plan.ModelId, modelResult, context);
            }

            return QuotaDecision.Admit(plan.Reservation(scopeKey, modelResult, callerAdmission, context.Now));
        }
        catch (QuotaStoreUnavailableException exception)
        {
            Counters.StoreFailure();
            if (callerAdmission is { } admitted)
            {
                await TryCompensateAsync(plan, admitted, context);
            }

            var reason = $"The quota ledger could not reach its store for '{plan.ModelId}': {exception.Message}";
            if (_options.FailureMode == QuotaFailureMode.FailOpen)
            {
                return QuotaDecision.AdmitUnrecorded(plan.UnrecordedReservation(context.Now), reason + " Admitted without a reservation (FailOpen).");
            }

            return QuotaDecision.Unavailable(plan.ModelId, UnavailableRetryAfter, reason + " Refused (FailClosed).");
        }
    }

    private async ValueTask TryCompensateAsync(RequestPlan plan, ItemResult admitted, DecisionContext context)
    {
        try
        {
            await _items.CompensateAsync(plan.CallerKey!, admitted, plan.CallerCost, context);
        }
        catch (QuotaStoreUnavailableException)
        {
            // The caller's hold then expires by itself.
        }
    }

    private static QuotaDecision Refusal(string scope, ItemResult result, DecisionContext context)
    {
        var retryAfter = result.RetryAt - context.Now;
        if (retryAfter < TimeSpan.Zero)
        {
            retryAfter = TimeSpan.Zero;
        }

        return result.Contended
            ? QuotaDecision.Contention(scope, retryAfter)
            : QuotaDecision.Refuse(result.RefusedBy, scope, retryAfter);
    }

    private DecisionContext NewContext(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var deadline = _options.StoreDeadline == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : now + _options.StoreDeadline;
        return new DecisionContext(now, deadline, cancellationToken);
    }

    private int NextShard(int shards)
    {
        lock (_random)
        {
            return _random.Next(shards);
        }
    }

    private TimeSpan Jitter()
    {
        lock (_random)
        {
            return _options.WaitJitter * _random.NextDouble();
        }
    }
}
