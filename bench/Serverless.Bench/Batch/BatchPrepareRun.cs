using System.Diagnostics;
using System.Globalization;
using System.Text;
using Serverless.Batch;
using Serverless.Batch.Contracts;
using Serverless.Batch.Pending;
using Serverless.Batch.Prepare;
using Serverless.Batch.Storage;

namespace Serverless.Bench.Batch;

/// <summary>
/// Prepare throughput: MB/s of input JSONL validated, recordIds checked, and written as shards (half the records
/// without a recordId, so both the copy and the rewrite path run). Baseline in the same run: reading the file line by
/// line (StreamReader) without parsing.
/// </summary>
internal static class BatchPrepareRun
{
    public static async Task RunAsync(string[] args)
    {
        var megabytes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var store = new InMemoryBatchObjectStore();
        var text = new StringBuilder();
        var records = 0;
        while (text.Length < megabytes * 1_000_000L)
        {
            records++;
            var line = BatchBenchData.InputLine(records);
            text.Append(records % 2 == 0 ? line : "{" + line[(line.IndexOf(",\"modelInput\"", StringComparison.Ordinal) + 1)..]).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        text.Clear();
        var input = new S3Location("in", "input.jsonl");
        await store.PutAsync(input, bytes, CancellationToken.None);
        Console.WriteLine($"batch-prepare: {bytes.Length / 1e6:N0} MB, {records:N0} records, {Environment.ProcessorCount} cores");
        for (var round = 0; round < 4; round++)
        {
            var baseline = Stopwatch.StartNew();
            await BatchBenchData.CountLinesAsync(store, input);
            baseline.Stop();

            var step = new PrepareStep(store, new InMemoryPendingBatchStore(), new BatchSettings { WorkPrefix = $"s3://bench-bucket/r{round}/" }, TimeProvider.System, new Random(1));
            var timer = Stopwatch.StartNew();
            var output = await step.HandleAsync(new PrepareInput { BatchId = "bench", ModelId = "anthropic.claude-3-haiku-20240307-v1:0", InputUri = input.ToString() }, CancellationToken.None);
            timer.Stop();
            if (output.Run!.Submitted != records)
            {
                throw new InvalidOperationException("prepare lost records");
            }

            Console.WriteLine($"  round {round + 1}: prepare {bytes.Length / 1e6 / timer.Elapsed.TotalSeconds,8:N0} MB/s ({timer.Elapsed.TotalMilliseconds:N0} ms, {output.Shards.Count} shards, reads the input twice)   " +
                              $"baseline read-lines {bytes.Length / 1e6 / baseline.Elapsed.TotalSeconds,8:N0} MB/s");
        }
    }
}
