using BenchmarkDotNet.Running;
using Serverless.Bench.Batch;
using Serverless.Bench.Lambda;
using Serverless.Bench.Functions;
using Serverless.Bench.Load;
using Serverless.Bench.Quota;
using Serverless.Bench.Quota.Goodput;

namespace Serverless.Bench;

/// <summary>
/// BenchmarkDotNet micro-benchmarks (any BenchmarkSwitcher arguments, e.g. --filter '*Decode*'), or one of
/// the load runs by name: <c>capacity [callers] [seconds]</c>, <c>quota-latency [calls per row and round] [simulated-minutes] [rounds]</c>,
/// <c>quota-hotkey [callers] [seconds] [return-item]</c>, <c>quota-item-shapes [calls]</c>, <c>quota-request-parts [calls]</c>, <c>quota-goodput [minutes] [scenario filter] [ledger bucket ms]</c>,
/// <c>batch-fanout [records]</c>, <c>batch-prepare [megabytes]</c>, <c>batch-transitions [hours]</c>,
/// <c>lambda-startup [starts per mode] [artifacts dir]</c>,
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
            case ["quota-item-shapes", .. var rest]:
                await ItemShapeRun.RunAsync(rest);
                return;
            case ["quota-request-parts", .. var rest]:
                await RequestPartsRun.RunAsync(rest);
                return;
            case ["quota-goodput", .. var rest]:
                await QuotaGoodputRun.RunAsync(rest);
                return;
            case ["batch-fanout", .. var rest]:
                await BatchFanOutRun.RunAsync(rest);
                return;
            case ["batch-prepare", .. var rest]:
                await BatchPrepareRun.RunAsync(rest);
                return;
            case ["batch-transitions", .. var rest]:
                await BatchTransitionsRun.RunAsync(rest);
                return;
            case ["lambda-startup", .. var rest]:
                await LambdaStartupRun.RunAsync(rest);
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
