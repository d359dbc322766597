namespace Serverless.Bench.Quota.Goodput;

/// <summary>The caller paths every scenario runs, baseline first.</summary>
public static class GoodputCallers
{
    public static IReadOnlyList<Func<CallerContext, TimeProvider, ISimulatedCaller>> Paths { get; } =
    [
        (context, _) => new BackoffCaller(context),
    ];
}
