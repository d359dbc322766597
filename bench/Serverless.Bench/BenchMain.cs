using BenchmarkDotNet.Running;
using Serverless.Bench.Load;
using Serverless.Bench.Quota.Goodput;

namespace Serverless.Bench;

/// <summary>
/// BenchmarkDotNet micro-benchmarks (any BenchmarkSwitcher arguments, e.g. --filter '*Decode*'), or one of
/// the load runs by name: <c>capacity [callers] [seconds]</c>, <c>quota-goodput [minutes]</c>.
/// </summary>
public static class BenchMain
{
    public static async Task Main(string[] args)
    {
        if (args is ["capacity", .. var rest])
        {
            await LocalBedrockCapacity.RunAsync(rest);
            return;
        }

        if (args is ["quota-goodput", .. var goodputArgs])
        {
            await QuotaGoodputRun.RunAsync(goodputArgs);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchMain).Assembly).Run(args);
    }
}
