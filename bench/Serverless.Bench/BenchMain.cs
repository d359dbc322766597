using BenchmarkDotNet.Running;
using Serverless.Bench.Functions;
using Serverless.Bench.Load;
using Serverless.Bench.Quota;
using Serverless.Bench.Quota.Goodput;

namespace Serverless.Bench;

/// <summary>
/// BenchmarkDotNet micro-benchmarks (any BenchmarkSwitcher arguments, e.g. --filter '*Decode*'), or one of
/// the load runs by name: <c>capacity [callers] [seconds]</c>, <c>quota-latency [decisions] [simulated-minutes]</c>,
/// <c>quota-hotkey [callers] [seconds]</c>, <c>quota-goodput [minutes] [scenario filter] [ledger bucket ms]</c>,
/// <c>functions-relay [requests] [warm-up]</c>, <c>functions-overhead [calls] [warm-up]</c>.
/// </summary>
public static class BenchMain
{
    public static async Task Main(string[] args)
    {
        switch (args)
        {
            case ["capacity", .. var rest]:
                await LocalBedrockCapacity.RunAsync(rest);
                return;
            case ["quota-latency", .. var rest]:
                await QuotaLatencyRun.RunAsync(rest);
                return;
            case ["quota-hotkey", .. var rest]:
                await QuotaHotKeyRun.RunAsync(rest);
                return;
            case ["quota-goodput", .. var rest]:
                await QuotaGoodputRun.RunAsync(rest);
                return;
            case ["functions-relay", .. var rest]:
                await FunctionsRelayRun.RunAsync(rest);
                return;
            case ["functions-overhead", .. var rest]:
                await FunctionsOverheadRun.RunAsync(rest);
                return;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(BenchMain).Assembly).Run(args);
                return;
        }
    }
}
