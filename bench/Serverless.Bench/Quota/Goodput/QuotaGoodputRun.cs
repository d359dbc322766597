using System.Globalization;

namespace Serverless.Bench.Quota.Goodput;

/// <summary>
/// <c>./run.sh bench quota-goodput [minutes] [name filter] [ledger bucket ms]</c>: the scenarios of <see cref="GoodputScenarios"/> (those whose name contains the filter), the baseline
/// (backoff + jitter) and the quota ledger each on its own fresh local Bedrock and clock, same arrivals, one table.
/// </summary>
public static class QuotaGoodputRun
{
    public static async Task RunAsync(string[] args)
    {
        var minutes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var duration = TimeSpan.FromMinutes(minutes);
        Console.WriteLine($"Quota goodput: {minutes} simulated minutes per run, load at 3x the binding quota, {Environment.ProcessorCount} cores");
        var filter = args.Length > 1 ? args[1] : "";
        // The ledger's own default unless a width is given.
        var bucket = args.Length > 2 ? TimeSpan.FromMilliseconds(int.Parse(args[2], CultureInfo.InvariantCulture)) : new Serverless.Quota.QuotaLedgerOptions().BucketWidth;
        foreach (var scenario in GoodputScenarios.All(duration).Where(s => s.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)).Select(s => s with { LedgerBucketWidth = bucket }))
        {
            var arrivals = Workload.Arrivals(scenario);
            Console.WriteLine();
            Console.WriteLine($"{scenario.Name}: RPM {scenario.RequestsPerMinute:N0}, TPM {scenario.TokensPerMinute:N0}, {arrivals.Count:N0} arrivals, maxTokens {scenario.MaxTokens:N0}, ledger buckets {scenario.LedgerBucketWidth.TotalMilliseconds:N0} ms");
            var results = new List<GoodputResult>();
            foreach (var path in GoodputCallers.Paths)
            {
                results.Add(await GoodputSimulation.RunAsync(scenario, arrivals, path, CancellationToken.None).ConfigureAwait(false));
            }

            GoodputTable.Print(Console.Out, scenario, results);
        }
    }
}
