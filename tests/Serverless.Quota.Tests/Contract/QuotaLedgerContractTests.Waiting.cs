namespace Serverless.Quota.Tests.Contract;

/// <summary>Wait in line: retry when the ring says capacity returns, give up at the deadline.</summary>
public abstract partial class QuotaLedgerContractTests
{
    [Fact]
    public async Task WaitingInLineAdmitsWhenCapacityReturns()
    {
        var ledger = await LedgerAsync(Options(rpm: 1));
        Assert.True((await ledger.TryReserveAsync(Request(), Ct)).Admitted);
        Time.Advance(TimeSpan.FromSeconds(30));

        var waiting = ledger.ReserveAsync(Request(), TimeSpan.FromMinutes(2), Ct).AsTask();
        await WaitForTimerAsync();
        Time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(waiting.IsCompleted);
        Time.Advance(TimeSpan.FromSeconds(1) + Options(rpm: 1).WaitJitter);
        var decision = await waiting;

        Assert.True(decision.Admitted);
        Assert.Equal(2, ledger.Counters.Decisions - 1);
    }

    [Fact]
    public async Task WaitingInLineAdmitsEarlyWhenASettlementGivesCapacityBack()
    {
        var ledger = await LedgerAsync(Options(tpm: 1_000));
        var holder = await ledger.TryReserveAsync(Request(1_000), Ct);

        var waiting = ledger.ReserveAsync(Request(500), TimeSpan.FromSeconds(10), Ct).AsTask();
        await WaitForTimerAsync();
        await ledger.SettleAsync(holder.Reservation!, new ActualUsage(200, 0), Ct);
        Time.Advance(TimeSpan.FromSeconds(10));
        var decision = await waiting;

        Assert.True(decision.Admitted);
    }

    [Fact]
    public async Task WaitingInLineGivesUpAtTheDeadline()
    {
        var ledger = await LedgerAsync(Options(rpm: 1));
        Assert.True((await ledger.TryReserveAsync(Request(), Ct)).Admitted);

        var waiting = ledger.ReserveAsync(Request(), TimeSpan.FromSeconds(10), Ct).AsTask();
        await WaitForTimerAsync();
        Time.Advance(TimeSpan.FromSeconds(9.999));
        Assert.False(waiting.IsCompleted);
        Time.Advance(TimeSpan.FromMilliseconds(1));
        var decision = await waiting;

        Assert.False(decision.Admitted);
        Assert.Equal(QuotaLimitKind.RequestsPerMinute, decision.RefusedBy);
        Assert.Equal(TimeSpan.FromSeconds(51), decision.RetryAfter);
    }

    [Fact]
    public async Task WaitingInLineDoesNotWaitForAStoreThatIsDown()
    {
        var ledger = await LedgerAsync(Options(rpm: 1), new FailingQuotaStore());

        var decision = await ledger.ReserveAsync(Request(), TimeSpan.FromMinutes(1), Ct);

        Assert.True(decision.StoreUnavailable);
        Assert.Equal(1, ledger.Counters.Decisions);
    }

    /// <summary>Lets the code under test run until it has armed its delay (a store may answer asynchronously).</summary>
    protected async Task WaitForTimerAsync()
    {
        for (var i = 0; i < 100_000 && Time.PendingTimers == 0; i++)
        {
            await Task.Yield();
        }

        Assert.NotEqual(0, Time.PendingTimers);
    }
}
