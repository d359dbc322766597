using System.Globalization;
using System.Text.Json.Nodes;
using Serverless.Batch;
using Serverless.Batch.Jobs;
using Serverless.Batch.Storage;
using Serverless.BatchLocal;
using Serverless.TestSupport;

namespace Serverless.Bench.Batch;

/// <summary>
/// State transitions of one job that runs N hours: the deployed ASL run by aws-local-stepfunctions on a manual
/// clock (each Wait advances it), counted from the execution's events, beside the count computed from the plan, and
/// beside fixed 60-second polling (computed: one Wait + GetJob + Choice per minute).
/// </summary>
internal static class BatchTransitionsRun
{
    public static async Task RunAsync(string[] args)
    {
        var hours = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 24;
        var clock = new ManualTimeProvider();
        var bedrock = LocalBatchStack.DefaultBedrockSettings();
        bedrock.Jobs.Phases.InProgress = TimeSpan.FromHours(hours);
        await using var stack = await LocalBatchStack.StartAsync(new LocalBatchStackOptions
        {
            Bedrock = bedrock,
            Time = clock,
            AdvanceClock = by =>
            {
                clock.Advance(by);
                return Task.CompletedTask;
            },
            Settings = new BatchSettings { WorkPrefix = "s3://bench-bucket/" },
        });
        var input = new S3Location("in", "input.jsonl");
        var lines = string.Join('\n', Enumerable.Range(1, 100).Select(BatchBenchData.InputLine));
        await stack.Services.ObjectStore.PutAsync(input, System.Text.Encoding.UTF8.GetBytes(lines), CancellationToken.None);
        var timeoutHours = Math.Max(24, (int)Math.Ceiling(hours) + 1);
        var started = clock.GetUtcNow();
        var result = await stack.RunAsync(new JsonObject
        {
            ["batchId"] = "bench-transitions",
            ["modelId"] = "anthropic.claude-3-haiku-20240307-v1:0",
            ["inputUri"] = input.ToString(),
            ["timeoutHours"] = timeoutHours,
        }, null, CancellationToken.None);
        if (!result.Ok)
        {
            throw new InvalidOperationException(result.ToString());
        }

        var plan = PollPlan.Build(new PollPlanSettings(), timeoutHours, null, started);
        long elapsed = 0;
        var plannedPolls = 0;
        while (elapsed < hours * 3600)
        {
            elapsed += plan.Schedule[plannedPolls++];
        }

        var fixedPolls = (int)Math.Ceiling(hours * 60);
        Console.WriteLine($"batch-transitions: one job of {hours} h (simulated; {(clock.GetUtcNow() - started).TotalHours:N2} h passed on the clock), {Environment.ProcessorCount} cores");
        Console.WriteLine($"  growing waits (measured): {result.Transitions} state transitions, {result.Polls} polls, {result.Retried} retries");
        Console.WriteLine($"  growing waits (computed): {plannedPolls} polls × 4 − 1 + 12 outside the loop = {(plannedPolls * 4) - 1 + 12} transitions");
        Console.WriteLine($"  fixed 60 s (computed):    {fixedPolls} polls × 3 (Wait, GetJob, Choice) − 1 + 12 = {(fixedPolls * 3) - 1 + 12} transitions");
        Console.WriteLine($"  summary: submitted {result.Output?["submitted"]}, succeeded {result.Output?["succeeded"]}, unaccounted {result.Output?["unaccounted"]}, jobs {result.Output?["jobs"]?.ToJsonString()}");
    }
}
