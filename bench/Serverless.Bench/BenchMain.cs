using BenchmarkDotNet.Running;

namespace Serverless.Bench;

public static class BenchMain
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchMain).Assembly).Run(args);
}
