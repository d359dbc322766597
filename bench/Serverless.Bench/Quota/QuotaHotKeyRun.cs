using System.Diagnostics;
using System.Globalization;
using Serverless.Quota;

namespace Serverless.Bench.Quota;

/// <summary>
/// Benchmark (b): decisions per second on ONE hot key, <c>callers</c> concurrent closed-loop callers (each its own
/// ledger instance, as separate Lambdas would be) against DynamoDB Local, beside a read-then-write limiter on the same
/// table in the same run. Limits are high enough that nothing is refused: the figure is the store's decision rate.
/// <c>quota-hotkey [callers] [seconds]</c>.
/// </summary>
public static class QuotaHotKeyRun
{
    private const string Model = "anthropic.claude-sonnet-4-5";
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(3);

    public static async Task RunAsync(string[] args)
    {
        var callers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 64;
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        // "return-item": the store returns the item with every admission (DynamoDbQuotaStoreOptions.ReturnItemOnSuccess = true).
        var returnItem = args.Length > 2 && args[2] == "return-item";
        var duration = TimeSpan.FromSeconds(seconds);
        Console.WriteLine($"One hot key, {callers} concurrent callers, {Warmup.TotalSeconds:N0} s warm-up, {seconds} s measured, DynamoDB Local, {Environment.ProcessorCount} cores");
        await using var dynamo = await DynamoDbLocalBench.StartAsync();

        // The ceiling of any DynamoDB limiter here: one unconditional ADD per decision on the same key.
        var bare = CounterWrites.Add(dynamo.TableName, "bare#hot", condition: false);
        // DynamoDB Local's JIT needs thousands of requests: warm it before the first measured row.
        await RunClosedLoopAsync(callers, TimeSpan.FromSeconds(5), _ => async ct => { await dynamo.Client.UpdateItemAsync(bare, ct); return true; });
        var ceiling = await RunClosedLoopAsync(callers, duration, _ => async ct => { await dynamo.Client.UpdateItemAsync(bare, ct); return true; });
        Console.WriteLine($"{"bare UpdateItem ADD (ceiling)",-36} {ceiling}");

        var limiter = new ReadThenWriteLimiter(dynamo.Client, dynamo.TableName, "rtw#hot", limitPerMinute: 100_000_000, TimeProvider.System);
        var baseline = await RunClosedLoopAsync(callers, duration, _ => ct => limiter.TryAcquireAsync(ct));
        Console.WriteLine($"{"read-then-write limiter (baseline)",-36} {baseline}  conflicts {limiter.Conflicts:N0}, requests/decision {(double)limiter.Requests / baseline.Decisions:N2} (incl. warm-up)");

        var options = new QuotaLedgerOptions
        {
            Models = new Dictionary<string, ModelQuota> { [Model] = new() { RequestsPerMinute = 100_000_000 } },
            KeyPrefix = "hot/",
        };
        var store = new CountingQuotaStore(dynamo.Store(returnItem));
        var ledgers = Enumerable.Range(0, callers).Select(i => new QuotaLedger(store, options, TimeProvider.System, new Random(i))).ToArray();
        var request = new QuotaRequest(Model, InputTokens: 100, MaxOutputTokens: 100);
        var ours = await RunClosedLoopAsync(callers, duration, i => async ct => (await ledgers[i].TryReserveAsync(request, ct)).Admitted);
        var decisions = ledgers.Sum(l => l.Counters.Decisions);
        Console.WriteLine(
            $"{"ledger TryReserve",-36} {ours}  lost races {ledgers.Sum(l => l.Counters.LostRaces):N0}, store calls/decision {(double)store.Calls / decisions:N3} (incl. warm-up)");
        Console.WriteLine($"ratio (decisions/s): {ours.PerSecond / baseline.PerSecond:N1}x");
    }

    private static async Task<HotKeyResult> RunClosedLoopAsync(int callers, TimeSpan duration, Func<int, Func<CancellationToken, Task<bool>>> makeCaller)
    {
        var measureFrom = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * Warmup.TotalSeconds);
        var stopAt = measureFrom + (long)(Stopwatch.Frequency * duration.TotalSeconds);
        var workers = Enumerable.Range(0, callers).Select(i => Task.Run(async () =>
        {
            var call = makeCaller(i);
            var latencies = new Latencies();
            long admitted = 0, refused = 0;
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await call(CancellationToken.None);
                if (started < measureFrom)
                {
                    continue;
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (ok)
                {
                    admitted++;
                }
                else
                {
                    refused++;
                }
            }

            return (latencies, admitted, refused);
        })).ToArray();
        var results = await Task.WhenAll(workers);
        var all = new Latencies();
        foreach (var r in results)
        {
            all.AddRange(r.latencies);
        }

        return new HotKeyResult(results.Sum(r => r.admitted), results.Sum(r => r.refused), duration, all.P50, all.P99);
    }

    private sealed record HotKeyResult(long Admitted, long Refused, TimeSpan Duration, double P50, double P99)
    {
        public long Decisions => Admitted + Refused;

        public double PerSecond => Decisions / Duration.TotalSeconds;

        public override string ToString()
            => $"{PerSecond,8:N0} decisions/s  p50 {P50,7:N2} ms  p99 {P99,7:N2} ms  (admitted {Admitted:N0}, refused {Refused:N0})";
    }
}
