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
    public async Task WaitingInLineWithLessThanAMillisecondLeftWaitsOnTheClockInsteadOfSpinning()
    {
        // Task.Delay on a TimeProvider rounds down to whole milliseconds: a 0.5 ms wait would complete at once, and
        // with the clock standing still the loop would call the store forever.
        var ledger = await LedgerAsync(Options(rpm: 1));
        Assert.True((await ledger.TryReserveAsync(Request(), Ct)).Admitted);
        ledger.Counters.Reset();

        // On the thread pool: a spinning loop over an in-memory store would never hand control back to the test.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var waiting = Task.Run(() => ledger.ReserveAsync(Request(), TimeSpan.FromTicks(5_000), stop.Token).AsTask(), Ct);
        try
        {
            await Time.WaitForPendingTimersAsync(timeout: TimeSpan.FromSeconds(5));
        }
        finally
        {
            if (Time.PendingTimers == 0)
            {
                stop.Cancel();
            }
        }

        Time.Advance(TimeSpan.FromMilliseconds(1));
        var decision = await waiting;

        Assert.False(decision.Admitted);
        Assert.Equal(2, ledger.Counters.Decisions);
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
    protected Task WaitForTimerAsync() => Time.WaitForPendingTimersAsync();
}
