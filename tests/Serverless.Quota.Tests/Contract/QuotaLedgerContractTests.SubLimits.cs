namespace Serverless.Quota.Tests.Contract;

/// <summary>Caller sub-limits under a model's quota: caller item first, then the model item; a model refusal gives the caller's share back.</summary>
public abstract partial class QuotaLedgerContractTests
{
    private QuotaLedgerOptions WithCallers(QuotaLedgerOptions options, params CallerQuota[] callers) => options with { Callers = callers };

    [Fact]
    public async Task ACallerIsRefusedAtItsLimitWhileTheModelHasRoom()
    {
        var ledger = await LedgerAsync(WithCallers(Options(rpm: 10), new CallerQuota { CallerId = "tenant-a", RequestsPerMinute = 2 }));

        Assert.Equal(2, await AdmitCountAsync(ledger, 2, _ => Request(caller: "tenant-a")));
        var refused = await ledger.TryReserveAsync(Request(caller: "tenant-a"), Ct);
        var other = await ledger.TryReserveAsync(Request(caller: "tenant-b"), Ct);

        Assert.False(refused.Admitted);
        Assert.Equal($"{Model}#tenant-a", refused.RefusedScope);
        Assert.Equal(QuotaLimitKind.RequestsPerMinute, refused.RefusedBy);
        Assert.Equal(TimeSpan.FromSeconds(61), refused.RetryAfter);
        Assert.True(other.Admitted);
        Assert.Equal(3, await UsedAsync(ledger, QuotaLimitKind.RequestsPerMinute));
    }

    [Fact]
    public async Task WhenTheModelRefusesTheCallerIsCompensated()
    {
        var ledger = await LedgerAsync(WithCallers(Options(rpm: 3), new CallerQuota { CallerId = "tenant-a", RequestsPerMinute = 10, TokensPerMinute = 1_000, ConcurrentRequests = 5 }));
        Assert.Equal(3, await AdmitCountAsync(ledger, 3, _ => Request(caller: "tenant-b")));

        var refused = await ledger.TryReserveAsync(Request(input: 100, caller: "tenant-a"), Ct);

        Assert.False(refused.Admitted);
        Assert.Equal(Model, refused.RefusedScope);
        Assert.Equal(0, await UsedAsync(ledger, QuotaLimitKind.RequestsPerMinute, "tenant-a"));
        Assert.Equal(0, await UsedAsync(ledger, QuotaLimitKind.TokensPerMinute, "tenant-a"));
        Assert.Equal(0, await UsedAsync(ledger, QuotaLimitKind.ConcurrentRequests, "tenant-a"));
    }

    [Fact]
    public async Task SettlementSettlesTheCallerItemToo()
    {
        var ledger = await LedgerAsync(WithCallers(Options(tpm: 10_000), new CallerQuota { CallerId = "tenant-a", TokensPerMinute = 1_000, ConcurrentRequests = 1 }));
        var decision = await ledger.TryReserveAsync(Request(100, 400, caller: "tenant-a"), Ct);
        Assert.False((await ledger.TryReserveAsync(Request(caller: "tenant-a"), Ct)).Admitted);

        await ledger.SettleAsync(decision.Reservation!, new ActualUsage(100, 100), Ct);

        Assert.Equal(200, await UsedAsync(ledger, QuotaLimitKind.TokensPerMinute, "tenant-a"));
        Assert.Equal(0, await UsedAsync(ledger, QuotaLimitKind.ConcurrentRequests, "tenant-a"));
        Assert.Equal(200, await UsedAsync(ledger, QuotaLimitKind.TokensPerMinute));
        Assert.True((await ledger.TryReserveAsync(Request(caller: "tenant-a"), Ct)).Admitted);
    }

    [Fact]
    public async Task TheMostSpecificCallerRuleApplies()
    {
        var ledger = await LedgerAsync(WithCallers(
            Options(rpm: 100),
            new CallerQuota { RequestsPerMinute = 1 },
            new CallerQuota { ModelId = Model, RequestsPerMinute = 2 },
            new CallerQuota { CallerId = "vip", RequestsPerMinute = 4 },
            new CallerQuota { CallerId = "vip", ModelId = Model, RequestsPerMinute = 3 }));

        Assert.Equal(3, await AdmitCountAsync(ledger, 6, _ => Request(caller: "vip")));
        Assert.Equal(2, await AdmitCountAsync(ledger, 6, _ => Request(caller: "someone")));
        Assert.Equal(2, await AdmitCountAsync(ledger, 6, _ => Request(caller: "someone-else")));
    }

    [Fact]
    public async Task SixtyFourConcurrentCallersOfOneTenantAdmitExactlyItsLimit()
    {
        var ledger = await LedgerAsync(WithCallers(Options(rpm: 1_000), new CallerQuota { CallerId = "tenant-a", RequestsPerMinute = 30 }));

        var admitted = await RunConcurrentlyAsync(ledger, attemptsPerCaller: 2, _ => Request(caller: "tenant-a"));

        Assert.Equal(30, admitted.Count);
        Assert.Equal(30, await UsedAsync(ledger, QuotaLimitKind.RequestsPerMinute));
    }
}
