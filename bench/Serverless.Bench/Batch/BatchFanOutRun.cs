using System.Diagnostics;
using System.Globalization;
using System.Text;
using Serverless.Batch;
using Serverless.Batch.Contracts;
using Serverless.Batch.FanOut;
using Serverless.Batch.Results;
using Serverless.Batch.Storage;

namespace Serverless.Bench.Batch;

/// <summary>
/// Fan-out throughput: one invocation reads a job's .jsonl.out of N records (the real sample's output line shape,
/// 5% error lines) and writes the in-memory results store. Baseline in the same run: reading the same file line by
/// line without parsing or writing (the floor set by I/O and line splitting).
/// </summary>
internal static class BatchFanOutRun
{
    public static async Task RunAsync(string[] args)
    {
        var records = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50_000;
        var store = new InMemoryBatchObjectStore();
        var (run, shard, job) = await BatchBenchData.WriteJobOutputAsync(store, records, CancellationToken.None);
        var bytes = 0L;
        await foreach (var file in store.ListAsync(S3Location.Parse(shard.OutputUri, "o"), CancellationToken.None))
        {
            await using var s = await store.OpenReadAsync(file, CancellationToken.None);
            bytes += s!.Length;
        }

        Console.WriteLine($"batch-fanout: {records:N0} records, {bytes / 1e6:N1} MB of .jsonl.out, {Environment.ProcessorCount} cores");
        for (var round = 0; round < 4; round++)
        {
            var baseline = Stopwatch.StartNew();
            var lines = await BatchBenchData.CountLinesAsync(store, S3Location.Parse(shard.OutputUri, "o"));
            baseline.Stop();

            var results = new InMemoryResultsStore();
            var step = new FanOutStep(store, results, new BatchSettings { WorkPrefix = "s3://bench-bucket/" });
            var timer = Stopwatch.StartNew();
            var output = await step.HandleAsync(new FanOutInput { Run = run, Shard = shard, Job = job }, CancellationToken.None);
            timer.Stop();
            if (output.Succeeded + output.Failed != records || (await results.CountAsync("bench", CancellationToken.None)).Total != records)
            {
                throw new InvalidOperationException("fan-out lost records");
            }

            Console.WriteLine($"  round {round + 1}: fan-out {records / timer.Elapsed.TotalSeconds,12:N0} records/s ({timer.Elapsed.TotalMilliseconds:N0} ms; {output.Failed} queued for retry)   " +
                              $"baseline read-lines {lines / baseline.Elapsed.TotalSeconds,12:N0} lines/s");
        }
    }
}
