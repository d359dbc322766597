namespace Serverless.Quota.Tests.Contract;

/// <summary>Settlement gives back what was not used, charges what was used beyond, releases leases; holds expire by themselves.</summary>
public abstract partial class QuotaLedgerContractTests
{
    [Fact]
    public async Task ARefundFreesCapacityAtOnce()
    {
        var ledger = await LedgerAsync(Options(tpm: 1_000));
        var first = await ledger.TryReserveAsync(Request(100, 400), Ct);
        Assert.True((await ledger.TryReserveAsync(Request(100, 400), Ct)).Admitted);
        Assert.False((await ledger.TryReserveAsync(Request(350), Ct)).Admitted);

        await ledger.SettleAsync(first.Reservation!, new ActualUsage(100, 50), Ct);

        Assert.Equal(650, await UsedAsync(ledger, QuotaLimitKind.TokensPerMinute));
        Assert.True((await ledger.TryReserveAsync(Request(350), Ct)).Admitted);
        Assert.False((await ledger.TryReserveAsync(Request(1), Ct)).Admitted);
    }

    [Fact]
    public async Task SettlementCountsCacheWritesAndOutputTimesBurndown()
    {
        var ledger = await LedgerAsync(ReservingMaxTokensTimesBurndown(Options(tpm: 10_000, burndown: 5)));
        var decision = await ledger.TryReserveAsync(Request(100, 200), Ct);
        Assert.Equal(1_100, decision.Reservation!.ReservedTokens);

        await ledger.SettleAsync(decision.Reservation, new ActualUsage(InputTokens: 100, OutputTokens: 30, CacheWriteInputTokens: 40), Ct);

        Assert.Equal(100 + 40 + (30 * 5), await UsedAsync(ledger, QuotaLimitKind.TokensPerMinute));
    }

    [Fact]
    public async Task ReservingLikeBedrockHoldsMaxTokensOnceAndChargesTheBurndownAtSettlement()
    {
        var ledger = await LedgerAsync(ReservingLikeBedrock(Options(tpm: 10_000, burndown: 5)));

        var decision = await ledger.TryReserveAsync(Request(100, 200), Ct);
        Assert.Equal(100 + 200, decision.Reservation!.ReservedTokens);
        Assert.Equal(300, await UsedAsync(ledger, QuotaLimitKind.TokensPerMinute));

        await ledger.SettleAsync(decision.Reservation, new ActualUsage(InputTokens: 100, OutputTokens: 150), Ct);

        Assert.Equal(100 + (150 * 5), await UsedAsync(ledger, QuotaLimitKind.TokensPerMinute));
    }

    [Fact]
    public async Task UsageBeyondTheReservationIsCharged()
    {
        var ledger = await LedgerAsync(Options(tpm: 1_000));
        var decision = await ledger.TryReserveAsync(Request(500), Ct);

        await ledger.SettleAsync(decision.Reservation!, new ActualUsage(700, 0), Ct);

        Assert.Equal(700, await UsedAsync(ledger, QuotaLimitKind.TokensPerMinute));
        Assert.False((await ledger.TryReserveAsync(Request(301), Ct)).Admitted);
        Assert.True((await ledger.TryReserveAsync(Request(300), Ct)).Admitted);
    }

    [Fact]
    public async Task ExcessSettledAfterTheWindowIsChargedToTheCurrentMinute()
    {
        var ledger = await LedgerAsync(Options(tpm: 1_000));
        var decision = await ledger.TryReserveAsync(Request(500), Ct);
        Time.Advance(TimeSpan.FromSeconds(90));

        await ledger.SettleAsync(decision.Reservation!, new ActualUsage(700, 0), Ct);

        Assert.Equal(200, await UsedAsync(ledger, QuotaLimitKind.TokensPerMinute));
        Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(0, await UsedAsync(ledger, QuotaLimitKind.TokensPerMinute));
    }

    [Fact]
    public async Task ARefundAfterTheWindowChangesNothing()
    {
        var ledger = await LedgerAsync(Options(tpm: 1_000));
        var decision = await ledger.TryReserveAsync(Request(500), Ct);
        Time.Advance(TimeSpan.FromSeconds(61));
        var calls = ledger.Counters.SettlementStoreCalls;

        await ledger.SettleAsync(decision.Reservation!, new ActualUsage(100, 0), Ct);

        Assert.Equal(calls, ledger.Counters.SettlementStoreCalls);
        Assert.Equal(0, await UsedAsync(ledger, QuotaLimitKind.TokensPerMinute));
    }

    [Fact]
    public async Task AnUnsettledReservationStopsCountingAfterTheWindow()
    {
        var ledger = await LedgerAsync(Options(tpm: 1_000));
        Assert.True((await ledger.TryReserveAsync(Request(1_000), Ct)).Admitted);

        Time.Advance(TimeSpan.FromSeconds(61) - TimeSpan.FromTicks(1));
        Assert.False((await ledger.TryReserveAsync(Request(1), Ct)).Admitted);
        Time.Advance(TimeSpan.FromTicks(1));
        Assert.True((await ledger.TryReserveAsync(Request(1_000), Ct)).Admitted);
    }

    [Fact]
    public async Task AnUnreleasedLeaseExpiresAfterItsDuration()
    {
        var ledger = await LedgerAsync(Options(concurrency: 1));
        Assert.True((await ledger.TryReserveAsync(Request(lease: TimeSpan.FromSeconds(30)), Ct)).Admitted);

        Time.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        Assert.False((await ledger.TryReserveAsync(Request(), Ct)).Admitted);
        Time.Advance(TimeSpan.FromTicks(1));
        var d = await ledger.TryReserveAsync(Request(), Ct);
        Assert.True(d.Admitted, d.Reason + " " + d.RefusedBy + " " + d.RetryAfter);
    }

    [Fact]
    public async Task ALeaseWithoutDurationLastsTheConfiguredMaximum()
    {
        var ledger = await LedgerAsync(Options(concurrency: 1) with { MaxLeaseDuration = TimeSpan.FromMinutes(2) });
        Assert.True((await ledger.TryReserveAsync(Request(lease: TimeSpan.FromHours(1)), Ct)).Admitted);

        Time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromTicks(1));
        Assert.False((await ledger.TryReserveAsync(Request(), Ct)).Admitted);
        Time.Advance(TimeSpan.FromTicks(1));
        Assert.True((await ledger.TryReserveAsync(Request(), Ct)).Admitted);
    }

    [Fact]
    public async Task SettlingAnExpiredLeaseWritesNothingAndFreesNothingTwice()
    {
        var ledger = await LedgerAsync(Options(concurrency: 2));
        var old = await ledger.TryReserveAsync(Request(lease: TimeSpan.FromSeconds(10)), Ct);
        Time.Advance(TimeSpan.FromSeconds(10));
        Assert.True((await ledger.TryReserveAsync(Request(), Ct)).Admitted);
        Assert.True((await ledger.TryReserveAsync(Request(), Ct)).Admitted);
        var calls = ledger.Counters.SettlementStoreCalls;

        await ledger.SettleAsync(old.Reservation!, new ActualUsage(10, 0), Ct);

        Assert.Equal(calls, ledger.Counters.SettlementStoreCalls);
        Assert.Equal(2, await UsedAsync(ledger, QuotaLimitKind.ConcurrentRequests));
        Assert.False((await ledger.TryReserveAsync(Request(), Ct)).Admitted);
    }
}
