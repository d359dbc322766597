using BenchmarkDotNet.Running;
using Serverless.Bench.Load;
using Serverless.Bench.Quota;

namespace Serverless.Bench;

/// <summary>
/// BenchmarkDotNet micro-benchmarks (any BenchmarkSwitcher arguments, e.g. --filter '*Decode*'), or one of
/// the load runs by name: <c>capacity [callers] [seconds]</c>, <c>quota-latency [decisions] [simulated-minutes]</c>,
/// <c>quota-hotkey [callers] [seconds]</c>.
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

        if (args is ["quota-latency", .. var latencyArgs])
        {
            await QuotaLatencyRun.RunAsync(latencyArgs);
            return;
        }

        if (args is ["quota-hotkey", .. var hotKeyArgs])
        {
            await QuotaHotKeyRun.RunAsync(hotKeyArgs);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchMain).Assembly).Run(args);
    }
}
