namespace Serverless.Quota.Tests.Contract;

/// <summary>Many callers at once against one limit: the store's conditions, not luck, keep the count exact.</summary>
public abstract partial class QuotaLedgerContractTests
{
    private const int Callers = 64;

    [Fact]
    public async Task SixtyFourConcurrentCallersAdmitExactlyTheRequestsPerMinute()
    {
        var ledger = await LedgerAsync(Options(rpm: 100));

        var admitted = await RunConcurrentlyAsync(ledger, attemptsPerCaller: 4, _ => Request());

        Assert.Equal(100, admitted.Count);
        Assert.Equal(100, await UsedAsync(ledger, QuotaLimitKind.RequestsPerMinute));
    }

    [Fact]
    public async Task SixtyFourConcurrentCallersAdmitExactlyTheTokensPerMinute()
    {
        var ledger = await LedgerAsync(Options(tpm: 7 * 90));

        var admitted = await RunConcurrentlyAsync(ledger, attemptsPerCaller: 3, _ => Request(input: 5, maxOutput: 2));

        Assert.Equal(90, admitted.Count);
        Assert.Equal(630, await UsedAsync(ledger, QuotaLimitKind.TokensPerMinute));
    }

    [Fact]
    public async Task SixtyFourConcurrentCallersHoldExactlyTheConcurrencyLimit()
    {
        var ledger = await LedgerAsync(Options(concurrency: 20));

        var admitted = await RunConcurrentlyAsync(ledger, attemptsPerCaller: 2, _ => Request());

        Assert.Equal(20, admitted.Count);
        Assert.Equal(20, await UsedAsync(ledger, QuotaLimitKind.ConcurrentRequests));
    }

    [Fact]
    public async Task SixtyFourConcurrentCallersAcrossTwoLedgersAdmitExactlyTheLimit()
    {
        // Two processes sharing the store: each has its own item cache and counters.
        var first = await LedgerAsync(Options(rpm: 50));
        var second = await LedgerAsync(Options(rpm: 50), seed: 8);

        var admitted = await Task.WhenAll(
            RunConcurrentlyAsync(first, attemptsPerCaller: 2, _ => Request(), callers: Callers / 2),
            RunConcurrentlyAsync(second, attemptsPerCaller: 2, _ => Request(), callers: Callers / 2));

        Assert.Equal(50, admitted.Sum(a => a.Count));
    }

    protected static async Task<List<QuotaReservation>> RunConcurrentlyAsync(IQuotaLedger ledger, int attemptsPerCaller, Func<int, QuotaRequest> request, int callers = Callers)
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, callers).Select(caller => Task.Run(
            async () =>
            {
                start.Wait(Ct);
                var mine = new List<QuotaReservation>();
                for (var attempt = 0; attempt < attemptsPerCaller; attempt++)
                {
                    var decision = await ledger.TryReserveAsync(request(caller), Ct);
                    if (decision.Admitted)
                    {
                        mine.Add(decision.Reservation!);
                    }
                    else
                    {
                        Assert.False(decision.StoreUnavailable, decision.Reason);
                    }
                }

                return mine;
            },
            Ct)).ToList();
        start.Set();
        return (await Task.WhenAll(tasks)).SelectMany(r => r).ToList();
    }

    protected static async Task<long> UsedAsync(IQuotaLedger ledger, QuotaLimitKind kind, string? caller = null)
    {
        var status = await ledger.GetStatusAsync(Model, caller, Ct);
        var scope = caller is null ? Model : $"{Model}#{caller}";
        return status.Scopes.Single(s => s.Scope == scope && s.Kind == kind).Used;
    }
}
