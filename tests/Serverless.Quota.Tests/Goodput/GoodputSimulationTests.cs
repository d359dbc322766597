using Serverless.Bench.Quota.Goodput;

namespace Serverless.Quota.Tests.Goodput;

/// <summary>
/// One simulated minute of the goodput benchmark (bench/Serverless.Bench/Quota/Goodput) at 3× a quota against the
/// local Bedrock: the ledger keeps every call inside Bedrock's quota (no throttle) while still using nearly all of
/// it; the backoff baseline under the same load is throttled, which shows the load really exceeds the quota.
/// Simulated time only: the run takes about a second.
/// </summary>
public sealed class GoodputSimulationTests
{
    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    public static TheoryData<string, bool> LedgerCases => new()
    {
        { "tokens", false },
        { "tokens", true },
        { "requests", false },
        { "requests", true },
    };

    [Theory]
    [MemberData(nameof(LedgerCases))]
    public async Task Ledger_path_is_never_throttled_and_uses_at_least_97_percent_of_the_quota(string binding, bool waitInLedger)
    {
        var scenario = Scenario(binding);

        var result = await GoodputSimulation.RunAsync(scenario, Workload.Arrivals(scenario),
            (context, waits) => new LedgerCaller(context, LedgerFactory.Create(context.Scenario, context.OutputTokenBurndown, waits), waitInLedger),
            TestContext.Current.CancellationToken);

        Assert.Equal(0, result.BedrockThrottles);
        Assert.Equal(0, result.ThrottlesSeen);
        Assert.Equal(0, result.OtherErrors);
        var goodput = binding == "tokens" ? result.TokenGoodput : result.RequestGoodput;
        Assert.InRange(goodput, 0.97, 1.0);
        Assert.True(result.LedgerRefusals > 0, "At 3x the quota the ledger must have refused some requests.");
    }

    [Fact]
    public async Task Backoff_baseline_under_the_same_load_is_throttled()
    {
        var scenario = Scenario("tokens");

        var result = await GoodputSimulation.RunAsync(scenario, Workload.Arrivals(scenario),
            (context, _) => new BackoffCaller(context), TestContext.Current.CancellationToken);

        Assert.True(result.BedrockThrottles > 100, $"expected many throttles, got {result.BedrockThrottles}");
        Assert.Equal(result.BedrockThrottles, result.ThrottlesSeen);
        Assert.InRange(result.TokenGoodput, 0.5, 1.0);
    }

    // The model's configured latency, so reservations are in flight when others are decided.
    private static GoodputScenario Scenario(string binding) => (binding == "tokens"
        ? GoodputScenarios.TokenBound(timeScale: 1, OneMinute)
        : GoodputScenarios.RequestBound(timeScale: 1, OneMinute)) with { SteadyStateFromMinute = 0 };
}
