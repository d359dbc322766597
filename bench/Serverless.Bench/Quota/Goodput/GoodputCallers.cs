namespace Serverless.Bench.Quota.Goodput;

/// <summary>The caller paths every scenario runs, baseline first. Each gets a fresh ledger on the run's clock.</summary>
public static class GoodputCallers
{
    public static IReadOnlyList<Func<CallerContext, TimeProvider, ISimulatedCaller>> Paths { get; } =
    [
        (context, _) => new BackoffCaller(context),
        (context, waits) => new LedgerCaller(context, LedgerFactory.Create(context.Scenario, context.OutputTokenBurndown, waits), waitInLedger: false),
        (context, waits) => new LedgerCaller(context, LedgerFactory.Create(context.Scenario, context.OutputTokenBurndown, waits), waitInLedger: true),

        // Only differs where the burndown is above 1: reserves maxTokens once, as Bedrock does, instead of × burndown.
        (context, waits) => new LedgerCaller(
            context,
            LedgerFactory.Create(context.Scenario, context.OutputTokenBurndown, waits, reserveOutputAtBurndown: false),
            waitInLedger: false,
            nameSuffix: ", reserving like Bedrock"),
    ];
}
