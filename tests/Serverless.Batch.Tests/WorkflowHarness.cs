using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Serverless.Batch.Results;
using Serverless.Batch.Storage;
using Serverless.BatchLocal;
using Serverless.LocalBedrock.Configuration;
using Serverless.TestSupport;

namespace Serverless.Batch.Tests;

/// <summary>
/// The deployed ASL file run by aws-local-stepfunctions against the C# steps and the local Bedrock, on a manual
/// clock that the Wait states advance: hours of job time pass in moments, and nothing sleeps.
/// </summary>
internal sealed class WorkflowHarness : IAsyncDisposable
{
    private WorkflowHarness(LocalBatchStack stack, ManualTimeProvider clock, IResultsStore results)
    {
        Stack = stack;
        Clock = clock;
        Results = results;
    }

    public LocalBatchStack Stack { get; }

    public ManualTimeProvider Clock { get; }

    public IResultsStore Results { get; }

    public List<JsonObject> Progress { get; } = [];

    public static async Task<WorkflowHarness> StartAsync(Action<LocalBedrockSettings>? bedrock = null, IResultsStore? results = null,
        BatchSettings? settings = null, Func<string, ReadOnlyMemory<byte>, CancellationToken, Task>? beforeStep = null,
        Action<WebApplication>? configureBedrock = null, Serverless.Batch.Jobs.JobSlotOptions? jobSlots = null)
    {
        var clock = new ManualTimeProvider();
        var bedrockSettings = LocalBatchStack.DefaultBedrockSettings();
        bedrock?.Invoke(bedrockSettings);
        var store = results ?? new InMemoryResultsStore();
        var stack = await LocalBatchStack.StartAsync(new LocalBatchStackOptions
        {
            Bedrock = bedrockSettings,
            Time = clock,
            AdvanceClock = by =>
            {
                clock.Advance(by);
                return Task.CompletedTask;
            },
            Results = store,
            Settings = settings ?? new BatchSettings { WorkPrefix = "s3://batch-work/" },
            BeforeStep = beforeStep,
            ConfigureBedrock = configureBedrock,
            JobSlots = jobSlots ?? new Serverless.Batch.Jobs.JobSlotOptions(),
        }, TestContext.Current.CancellationToken);
        return new WorkflowHarness(stack, clock, store);
    }

    public async Task<string> PutInputAsync(string name, byte[] jsonl)
    {
        var location = new S3Location("batch-input", name);
        await Stack.Services.ObjectStore.PutAsync(location, jsonl, TestContext.Current.CancellationToken);
        return location.ToString();
    }

    public async Task<WorkflowResult> RunAsync(JsonObject input)
    {
        var result = await Stack.RunAsync(input, p =>
        {
            lock (Progress)
            {
                Progress.Add(p);
            }
        }, TestContext.Current.CancellationToken);
        return result;
    }

    public async Task<WorkflowResult> RunBatchAsync(string batchId, byte[] jsonl, JsonObject? extra = null)
    {
        var input = new JsonObject { ["batchId"] = batchId, ["modelId"] = Records.Model, ["inputUri"] = await PutInputAsync($"{batchId}.jsonl", jsonl) };
        foreach (var (key, value) in extra ?? [])
        {
            input[key] = value?.DeepClone();
        }

        return await RunAsync(input);
    }

    public int Entered(string state)
    {
        lock (Progress)
        {
            return Progress.Count(p => (string?)p["type"] == "StateEntered" && (string?)p["state"] == state);
        }
    }

    public ValueTask DisposeAsync() => Stack.DisposeAsync();
}
