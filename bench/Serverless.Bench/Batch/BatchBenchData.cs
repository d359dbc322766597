using System.Text;
using System.Text.Json.Nodes;
using Serverless.Batch.Contracts;
using Serverless.Batch.Storage;

namespace Serverless.Bench.Batch;

/// <summary>Synthetic batch files shaped like the real sample (Anthropic Messages records of about 2 KB).</summary>
internal static class BatchBenchData
{
    public static string InputLine(int i) => new JsonObject
    {
        ["recordId"] = $"CALL{i:D7}",
        ["modelInput"] = new JsonObject
        {
            ["anthropic_version"] = "bedrock-2023-05-31",
            ["max_tokens"] = 1024,
            ["messages"] = new JsonArray(new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "Summarize the following call transcript: " + Transcript(i) }),
            }),
        },
    }.ToJsonString();

    private static string Transcript(int i)
        => string.Concat(Enumerable.Repeat($"Agent: thank you for calling, how may I help with order {i}? Customer: it arrived broken and I would like a refund. ", 14));

    public static async Task<(RunInfo Run, ShardInfo Shard, JobView Job)> WriteJobOutputAsync(IBatchObjectStore store, int records, CancellationToken cancellationToken)
    {
        var input = new StringBuilder();
        var output = new StringBuilder();
        for (var i = 1; i <= records; i++)
        {
            var line = InputLine(i);
            input.Append(line).Append('\n');
            var parsed = JsonNode.Parse(line)!.AsObject();
            if (i % 20 == 0)
            {
                output.Append(new JsonObject { ["error"] = new JsonObject { ["errorCode"] = 500, ["errorMessage"] = "Internal server error" }, ["modelInput"] = parsed["modelInput"]!.DeepClone(), ["recordId"] = parsed["recordId"]!.DeepClone() }.ToJsonString());
            }
            else
            {
                output.Append(new JsonObject
                {
                    ["modelInput"] = parsed["modelInput"]!.DeepClone(),
                    ["modelOutput"] = JsonNode.Parse($"{{\"id\":\"msg_bdrk_{i:D8}\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-3-haiku-20240307\",\"content\":[{{\"type\":\"text\",\"text\":\"The customer received a broken item for order {i} and asked for a refund; the agent arranged a return label.\"}}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{{\"input_tokens\":410,\"output_tokens\":36}}}}"),
                    ["recordId"] = parsed["recordId"]!.DeepClone(),
                }.ToJsonString());
            }

            output.Append('\n');
        }

        var shard = new ShardInfo
        {
            ShardId = "s0001",
            ModelId = "anthropic.claude-3-haiku-20240307-v1:0",
            InputUri = "s3://bench-bucket/runs/bench/input/s0001.jsonl",
            OutputUri = "s3://bench-bucket/runs/bench/output/s0001/",
            RecordCount = records,
        };
        await store.PutAsync(S3Location.Parse(shard.InputUri, "i"), Encoding.UTF8.GetBytes(input.ToString()), cancellationToken);
        await store.PutAsync(S3Location.Parse(shard.OutputUri + "jobbench0001/s0001.jsonl.out", "o"), Encoding.UTF8.GetBytes(output.ToString()), cancellationToken);
        var run = new RunInfo { RunId = "bench", Prefix = "s3://bench-bucket/runs/bench/", MaxOnDemandAttempts = 3, Batches = [new BatchCount { BatchId = "bench", Submitted = records }] };
        return (run, shard, new JobView { JobArn = "arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/jobbench0001", Status = "PartiallyCompleted" });
    }

    public static async Task<long> CountLinesAsync(IBatchObjectStore store, S3Location prefix)
    {
        long lines = 0;
        await foreach (var file in store.ListAsync(prefix, CancellationToken.None))
        {
            await using var stream = await store.OpenReadAsync(file, CancellationToken.None);
            using var reader = new StreamReader(stream!);
            while (await reader.ReadLineAsync() is not null)
            {
                lines++;
            }
        }

        return lines;
    }
}
