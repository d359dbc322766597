using BenchmarkDotNet.Running;
using Serverless.Bench.Load;

namespace Serverless.Bench;

/// <summary>
/// BenchmarkDotNet micro-benchmarks (any BenchmarkSwitcher arguments, e.g. --filter '*Decode*'), or one of
/// the load runs by name: <c>capacity [callers] [seconds]</c>.
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

        BenchmarkSwitcher.FromAssembly(typeof(BenchMain).Assembly).Run(args);
    }
}
