using Serverless.Quota.Storage;

namespace Serverless.Quota.Tests.Contract;

/// <summary>Sharding, live limit changes, item TTL, status, and configuration errors that name what is wrong.</summary>
public abstract partial class QuotaLedgerContractTests
{
    [Fact]
    public async Task ShardsSumToTheLimit()
    {
        var ledger = await LedgerAsync(Options(rpm: 101, tpm: 10_100, shards: 4));

        var admitted = await RunConcurrentlyAsync(ledger, attemptsPerCaller: 12, _ => Request(input: 10));

        Assert.Equal(101, admitted.Count);
        Assert.Equal(4, admitted.Select(r => r.ScopeKey).Distinct().Count());
        var status = await ledger.GetStatusAsync(Model, null, Ct);
        Assert.Contains(new ScopeUsage(Model, QuotaLimitKind.RequestsPerMinute, 101, 101), status.Scopes);
        Assert.Contains(new ScopeUsage(Model, QuotaLimitKind.TokensPerMinute, 1_010, 10_100), status.Scopes);
    }

    [Fact]
    public async Task ARefusingShardNamesTheModelScope()
    {
        var ledger = await LedgerAsync(Options(rpm: 2, shards: 2));
        await AdmitCountAsync(ledger, 20, _ => Request());

        var refused = await ledger.TryReserveAsync(Request(), Ct);

        Assert.Equal(Model, refused.RefusedScope);
        Assert.Equal(QuotaLimitKind.RequestsPerMinute, refused.RefusedBy);
    }

    [Fact]
    public async Task LimitChangesTakeEffectOnTheNextDecision()
    {
        var before = await LedgerAsync(Options(rpm: 5));
        Assert.Equal(5, await AdmitCountAsync(before, 6, _ => Request()));

        var raised = await LedgerAsync(Options(rpm: 8));
        Assert.Equal(3, await AdmitCountAsync(raised, 6, _ => Request()));

        var lowered = await LedgerAsync(Options(rpm: 4));
        Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(4, await AdmitCountAsync(lowered, 6, _ => Request()));
    }

    [Fact]
    public async Task TheFastPathIsOneStoreCall()
    {
        var ledger = await LedgerAsync(Options(rpm: 100, tpm: 100_000, concurrency: 50));
        var first = await ledger.TryReserveAsync(Request(), Ct);
        Assert.True(first.Admitted);
        Assert.InRange(ledger.Counters.DecisionStoreCalls, 1, 2);

        for (var i = 0; i < 10; i++)
        {
            var before = ledger.Counters.DecisionStoreCalls;
            Assert.True((await ledger.TryReserveAsync(Request(), Ct)).Admitted);
            Assert.Equal(1, ledger.Counters.DecisionStoreCalls - before);
        }

        var refusedBefore = ledger.Counters.DecisionStoreCalls;
        await AdmitCountAsync(ledger, 40, _ => Request());
        var refused = await ledger.TryReserveAsync(Request(), Ct);
        Assert.False(refused.Admitted);
        Assert.Equal(41, ledger.Counters.DecisionStoreCalls - refusedBefore);
    }

    [Fact]
    public async Task ANewBucketCostsAtMostTwoStoreCalls()
    {
        var ledger = await LedgerAsync(Options(rpm: 100));
        await ledger.TryReserveAsync(Request(), Ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        var before = ledger.Counters.DecisionStoreCalls;

        Assert.True((await ledger.TryReserveAsync(Request(), Ct)).Admitted);

        Assert.InRange(ledger.Counters.DecisionStoreCalls - before, 1, 2);
    }

    [Fact]
    public async Task SettlementWritesOnlyWhenSomethingChanges()
    {
        var ledger = await LedgerAsync(Options(tpm: 10_000, concurrency: 10));
        var withLease = await ledger.TryReserveAsync(Request(100, 100), Ct);
        var exact = new ActualUsage(100, 100);

        await ledger.SettleAsync(withLease.Reservation!, exact, Ct);
        Assert.Equal(1, ledger.Counters.SettlementStoreCalls);

        var noLease = await LedgerAsync(Options(tpm: 10_000));
        var decision = await noLease.TryReserveAsync(Request(100, 100), Ct);
        await noLease.SettleAsync(decision.Reservation!, exact, Ct);
        Assert.Equal(0, noLease.Counters.SettlementStoreCalls);
        await noLease.SettleAsync(decision.Reservation!, new ActualUsage(100, 10), Ct);
        Assert.Equal(1, noLease.Counters.SettlementStoreCalls);
    }

    [Fact]
    public async Task EveryWriteExtendsTheItemsTimeToLive()
    {
        var ledger = await LedgerAsync(Options(rpm: 100, concurrency: 10) with { MaxLeaseDuration = TimeSpan.FromMinutes(5) });
        var store = await StoreAsync();
        var key = $"{KeyPrefix}q#{Model}";
        var start = Time.GetUtcNow().ToUnixTimeSeconds();
        // The TTL follows the ring clocks, not the writer's own time: the end of the current lease bucket (10 s; it
        // ends after the 1 s usage bucket) + window (61 buckets of 1 s) + longest lease (300 s) + one lease bucket of rounding.
        static long Expected(long now) => ((now / 10) + 1) * 10 + 61 + 300 + 10;

        await ledger.TryReserveAsync(Request(), Ct);
        Assert.Equal(Expected(start), (await store.ReadAsync(key, Ct))!.ExpiresAtEpochSeconds);

        // Same lease bucket: every writer sets the same TTL, so a plain SET never lowers it.
        Time.Advance(TimeSpan.FromSeconds(2.5));
        await ledger.TryReserveAsync(Request(), Ct);
        Assert.Equal(Expected(start + 2), (await store.ReadAsync(key, Ct))!.ExpiresAtEpochSeconds);

        // A later lease bucket extends it.
        Time.Advance(TimeSpan.FromSeconds(10));
        await ledger.TryReserveAsync(Request(), Ct);
        Assert.Equal(Expected(start + 12), (await store.ReadAsync(key, Ct))!.ExpiresAtEpochSeconds);
        Assert.True(Expected(start + 12) > Expected(start));
    }

    [Fact]
    public async Task ItemsFollowTheDocumentedKeyLayout()
    {
        var ledger = await LedgerAsync(WithCallers(Options(rpm: 10, shards: 2), new CallerQuota { CallerId = "tenant-a", RequestsPerMinute = 5 }));
        var store = await StoreAsync();

        var decision = await ledger.TryReserveAsync(Request(caller: "tenant-a"), Ct);

        Assert.Equal($"{KeyPrefix}q#{Model}#c#tenant-a", decision.Reservation!.CallerScopeKey);
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(KeyPrefix)}q#{System.Text.RegularExpressions.Regex.Escape(Model)}#s[01]$", decision.Reservation.ScopeKey);
        var item = await store.ReadAsync(decision.Reservation.ScopeKey, Ct);
        Assert.Equal(1, item!.UsedRequests);
        Assert.Equal(61, item.RequestSlots.Length);
        Assert.Empty(item.LeaseSlots); // no concurrency limit: no lease ring (it would be most of the item)
        Assert.Equal(1, (await store.ReadAsync(decision.Reservation.CallerScopeKey!, Ct))!.UsedRequests);
    }

    [Fact]
    public async Task StatusRollsTheWindowForwardToNow()
    {
        var ledger = await LedgerAsync(WithCallers(Options(rpm: 10, tpm: 1_000, concurrency: 4), new CallerQuota { CallerId = "tenant-a", TokensPerMinute = 500 }));
        await ledger.TryReserveAsync(Request(100, caller: "tenant-a", lease: TimeSpan.FromSeconds(20)), Ct);
        Time.Advance(TimeSpan.FromSeconds(30));
        await ledger.TryReserveAsync(Request(50), Ct);

        var status = await ledger.GetStatusAsync(Model, "tenant-a", Ct);
        Assert.Equal(
            [
                new ScopeUsage(Model, QuotaLimitKind.RequestsPerMinute, 2, 10),
                new ScopeUsage(Model, QuotaLimitKind.TokensPerMinute, 150, 1_000),
                new ScopeUsage(Model, QuotaLimitKind.ConcurrentRequests, 1, 4),
                new ScopeUsage($"{Model}#tenant-a", QuotaLimitKind.TokensPerMinute, 100, 500),
            ],
            status.Scopes);

        Time.Advance(TimeSpan.FromSeconds(31));
        status = await ledger.GetStatusAsync(Model, "tenant-a", Ct);
        Assert.Equal(1, status.Scopes.Single(s => s.Kind == QuotaLimitKind.RequestsPerMinute).Used);
        Assert.Equal(0, status.Scopes.Single(s => s.Scope.EndsWith("#tenant-a", StringComparison.Ordinal)).Used);
    }

    [Fact]
    public async Task AnUnknownModelIsAConfigurationErrorNamingIt()
    {
        var ledger = await LedgerAsync(Options(rpm: 10));

        var error = await Assert.ThrowsAsync<QuotaConfigurationException>(async () => await ledger.TryReserveAsync(new QuotaRequest("amazon.nova-unknown-v9", 10, 10), Ct));
        var statusError = await Assert.ThrowsAsync<QuotaConfigurationException>(async () => await ledger.GetStatusAsync("amazon.nova-unknown-v9", null, Ct));

        Assert.Contains("'amazon.nova-unknown-v9'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'amazon.nova-unknown-v9'", statusError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownCallerIsAConfigurationErrorNamingItWhenCallersMustBeKnown()
    {
        var ledger = await LedgerAsync(Options(rpm: 10) with { Callers = [new CallerQuota { CallerId = "tenant-a", RequestsPerMinute = 1 }], RejectUnknownCallers = true });

        var error = await Assert.ThrowsAsync<QuotaConfigurationException>(async () => await ledger.TryReserveAsync(Request(caller: "tenant-zz"), Ct));

        Assert.Contains("'tenant-zz'", error.Message, StringComparison.Ordinal);
        Assert.Contains(Model, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARequestNoWindowCouldAdmitIsRejectedAsBadInput()
    {
        var ledger = await LedgerAsync(ReservingMaxTokensTimesBurndown(Options(tpm: 1_000, burndown: 5)));

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.TryReserveAsync(Request(100, 200), Ct));

        Assert.Equal("request", error.ParamName);
        Assert.Contains("1100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoreItemOfAnotherRingShapeIsCarriedOverConservatively()
    {
        var store = await StoreAsync();
        var wide = await LedgerAsync(Options(rpm: 4) with { BucketWidth = TimeSpan.FromSeconds(2) }, store);
        Assert.Equal(3, await AdmitCountAsync(wide, 3, _ => Request()));

        var narrow = await LedgerAsync(Options(rpm: 4), store);

        Assert.Equal(1, await AdmitCountAsync(narrow, 3, _ => Request()));
        Assert.IsType<LedgerState>(await store.ReadAsync($"{KeyPrefix}q#{Model}", Ct));
    }
}
