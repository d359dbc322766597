using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Serverless.Batch.Storage;

namespace Serverless.BatchLocal;

/// <summary>
/// <c>./run.sh batch &lt;file.jsonl&gt; [--model ID] [--out FILE] [--failed-record-rate R] [--wait-ms N]</c>: runs a
/// JSONL file of <c>{"recordId"?, "modelInput"}</c> lines through the whole batch path locally — the deployed ASL
/// file in aws-local-stepfunctions, the C# steps, the local Bedrock's batch jobs and on-demand retries — showing
/// progress, and writes one result line per record.
/// </summary>
public static class BatchCommand
{
    private const string Usage = "usage: batch <file.jsonl> [--model ID] [--out FILE] [--failed-record-rate R] [--wait-ms N]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["batch", var file, .. var rest] || !TryOptions(rest, out var options))
        {
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        if (!File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"{file}: no such file").ConfigureAwait(false);
            return 2;
        }

        var model = options.GetValueOrDefault("--model", "anthropic.claude-3-haiku-20240307-v1:0");
        var output = options.GetValueOrDefault("--out", Path.ChangeExtension(file, null) + ".results.jsonl");
        var bedrock = LocalBatchStack.DefaultBedrockSettings();
        bedrock.Jobs.Faults.FailedRecordRate = double.Parse(options.GetValueOrDefault("--failed-record-rate", "0"), CultureInfo.InvariantCulture);
        var waitMs = int.Parse(options.GetValueOrDefault("--wait-ms", "100"), CultureInfo.InvariantCulture);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

        await using var stack = await LocalBatchStack.StartAsync(new LocalBatchStackOptions { Bedrock = bedrock }, cancel.Token).ConfigureAwait(false);
        var batchId = "local-" + DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        var inputUri = new S3Location("batch-input", $"{batchId}/{Path.GetFileName(file)}");
        await stack.Services.ObjectStore.PutAsync(inputUri, await File.ReadAllBytesAsync(file, cancel.Token).ConfigureAwait(false), cancel.Token).ConfigureAwait(false);
        Console.WriteLine($"local Bedrock {stack.Bedrock.BaseAddress}  steps {stack.Steps.BaseAddress}  batch {batchId}  model {model}");

        var display = new ProgressDisplay();
        var result = await stack.RunAsync(new JsonObject { ["batchId"] = batchId, ["modelId"] = model, ["inputUri"] = inputUri.ToString() },
            display.Update, cancel.Token, waitMs, TimeSpan.FromHours(1)).ConfigureAwait(false);
        display.Done();
        if (!result.Ok)
        {
            await Console.Error.WriteLineAsync($"the workflow failed: {result.Error}: {result.Cause}").ConfigureAwait(false);
            return 1;
        }

        var summary = result.Output!.AsObject();
        await using (var results = File.Create(output))
        {
            foreach (var batch in summary["batches"]!.AsArray())
            {
                var location = S3Location.Parse((string?)batch!["resultsUri"], "resultsUri");
                await using var stream = await stack.Services.ObjectStore.OpenReadAsync(location, cancel.Token).ConfigureAwait(false);
                if (stream is not null)
                {
                    await stream.CopyToAsync(results, cancel.Token).ConfigureAwait(false);
                }
            }
        }

        Console.WriteLine($"submitted {summary["submitted"]}  succeeded {summary["succeeded"]}  failed {summary["failed"]}  unaccounted {summary["unaccounted"]}  " +
                          $"on-demand {summary["onDemandSucceeded"]}  tokens in/out {summary["inputTokens"]}/{summary["outputTokens"]}  transitions {result.Transitions}");
        Console.WriteLine($"results: {output}");
        return (long?)summary["unaccounted"] == 0 ? 0 : 1;
    }

    private static bool TryOptions(string[] rest, out Dictionary<string, string> options)
    {
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < rest.Length; i += 2)
        {
            if (i + 1 >= rest.Length || rest[i] is not ("--model" or "--out" or "--failed-record-rate" or "--wait-ms"))
            {
                return false;
            }

            options[rest[i]] = rest[i + 1];
        }

        return true;
    }

    /// <summary>One status line: elapsed time, the state just entered, shards finished, polls.</summary>
    private sealed class ProgressDisplay
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly object _gate = new();
        private int _shardsDone, _polls, _transitions;
        private long _succeeded, _failed;
        private string _state = "";

        public void Update(JsonObject progress)
        {
            lock (_gate)
            {
                _transitions++;
                var type = (string?)progress["type"];
                if (type == "ShardDone" && progress["output"] is JsonObject shard)
                {
                    _shardsDone++;
                    _succeeded += (long?)shard["succeeded"] ?? 0;
                    _failed += (long?)shard["failed"] ?? 0;
                }
                else if (type == "StateEntered")
                {
                    _state = (string?)progress["state"] ?? "";
                    if (_state == "GetJob")
                    {
                        _polls++;
                    }
                }
                else if (type is "StateFailed" or "StateCaught")
                {
                    Console.WriteLine($"\n  {type} in {progress["state"]}: {progress["error"]} {progress["cause"]}");
                }

                var line = $"[{_clock.Elapsed.TotalSeconds,6:0.0}s] {_state,-18} shards done {_shardsDone}  job records ok {_succeeded} failed {_failed}  polls {_polls}";
                if (Console.IsOutputRedirected)
                {
                    if (type is "StateEntered" && _state is "Prepare" or "RunJobs" or "RetryOnDemand" or "Summarize" or "Done")
                    {
                        Console.WriteLine(line);
                    }
                }
                else
                {
                    Console.Write("\r" + line.PadRight(100));
                }
            }
        }

        public void Done()
        {
            if (!Console.IsOutputRedirected)
            {
                Console.WriteLine();
            }
        }
    }
}
