namespace Serverless.Quota.Tests.Contract;

/// <summary>A store that cannot answer: fail closed by default, fail open when configured, never an unbounded wait.</summary>
public abstract partial class QuotaLedgerContractTests
{
    [Fact]
    public async Task AStoreErrorFailsClosedByDefault()
    {
        var ledger = await LedgerAsync(Options(rpm: 10), new FailingQuotaStore());

        var decision = await ledger.TryReserveAsync(Request(), Ct);

        Assert.False(decision.Admitted);
        Assert.True(decision.StoreUnavailable);
        Assert.Null(decision.RefusedBy);
        Assert.Contains("FailClosed", decision.Reason, StringComparison.Ordinal);
        Assert.Contains(Model, decision.Reason, StringComparison.Ordinal);
        Assert.Equal(1, ledger.Counters.StoreFailures);
    }

    [Fact]
    public async Task AStoreErrorAdmitsUnrecordedWhenFailOpen()
    {
        var store = new FailingQuotaStore();
        var ledger = await LedgerAsync(Options(rpm: 10) with { FailureMode = QuotaFailureMode.FailOpen }, store);

        var decision = await ledger.TryReserveAsync(Request(), Ct);
        var calls = store.Calls;
        await ledger.SettleAsync(decision.Reservation!, new ActualUsage(1, 1), Ct);

        Assert.True(decision.Admitted);
        Assert.True(decision.StoreUnavailable);
        Assert.True(decision.Reservation!.Unrecorded);
        Assert.Equal(calls, store.Calls);
    }

    [Fact]
    public async Task AStoreThatNeverAnswersFailsClosedAtTheDeadline()
    {
        var ledger = await LedgerAsync(Options(rpm: 10) with { StoreDeadline = TimeSpan.FromSeconds(2) }, new FailingQuotaStore(hang: true));

        var pending = ledger.TryReserveAsync(Request(), Ct).AsTask();
        Time.Advance(TimeSpan.FromSeconds(1.999));
        Assert.False(pending.IsCompleted);
        Time.Advance(TimeSpan.FromMilliseconds(1));
        var decision = await pending;

        Assert.False(decision.Admitted);
        Assert.True(decision.StoreUnavailable);
        Assert.Contains("StoreDeadline", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SettlementWithTheStoreDownDoesNotThrow()
    {
        var store = await StoreAsync();
        var ledger = await LedgerAsync(Options(concurrency: 1), store);
        var decision = await ledger.TryReserveAsync(Request(lease: TimeSpan.FromSeconds(20)), Ct);
        var down = await LedgerAsync(Options(concurrency: 1), new FailingQuotaStore());

        await down.SettleAsync(decision.Reservation!, new ActualUsage(1, 0), Ct);

        // The lease was not released; it expires by itself.
        Assert.Equal(1, down.Counters.StoreFailures);
        Assert.False((await ledger.TryReserveAsync(Request(), Ct)).Admitted);
        Time.Advance(TimeSpan.FromSeconds(20));
        Assert.True((await ledger.TryReserveAsync(Request(), Ct)).Admitted);
    }
}
