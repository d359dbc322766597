using System.Text.Json.Nodes;
using Amazon.Runtime;
using Serverless.Batch;
using Serverless.Batch.Jobs;
using Serverless.Batch.Pending;
using Serverless.Batch.Results;
using Serverless.Batch.Steps;
using Serverless.Bedrock;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Hosting;
using Serverless.LocalBedrock.Jobs.Storage;
using Serverless.Quota;
using Serverless.Quota.Storage;

namespace Serverless.BatchLocal;

public sealed class LocalBatchStackOptions
{
    /// <summary>The local Bedrock's settings; default: embedded defaults with no model latency and instant job phases.</summary>
    public LocalBedrockSettings? Bedrock { get; init; }

    /// <summary>Where job input and output live (memory by default; an S3ObjectStore over s3rver works too).</summary>
    public IObjectStore? ObjectStore { get; init; }

    public BatchSettings Settings { get; init; } = new() { WorkPrefix = "s3://batch-work/" };

    public JobSlotOptions JobSlots { get; init; } = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Moves <see cref="Time"/> (a controlled clock): Wait states then advance it instead of sleeping.</summary>
    public Func<TimeSpan, Task>? AdvanceClock { get; init; }

    /// <summary>Runs before every step call (tests inject crashes here).</summary>
    public Func<string, ReadOnlyMemory<byte>, CancellationToken, Task>? BeforeStep { get; init; }

    public IResultsStore? Results { get; init; }

    /// <summary>Extra middleware or endpoints on the local Bedrock (tests put HTTP-level faults in front of it).</summary>
    public Action<Microsoft.AspNetCore.Builder.WebApplication>? ConfigureBedrock { get; init; }

    public int Seed { get; init; } = 7;
}

/// <summary>
/// Everything the batch workflow needs, locally and in one process: the local Bedrock (runtime + batch jobs), the
/// shared object store, in-memory results/pending stores and ledgers, and the step handlers behind HTTP. RunAsync
/// executes the deployed ASL file against it with aws-local-stepfunctions.
/// </summary>
public sealed class LocalBatchStack : IAsyncDisposable
{
    public const string Account = "123456789012";

    private readonly BedrockRuntimeClient _runtime;

    private LocalBatchStack(LocalBedrockServer bedrock, BatchStepHost steps, BatchServices services, BedrockRuntimeClient runtime, LocalBatchStackOptions options)
    {
        Bedrock = bedrock;
        Steps = steps;
        Services = services;
        _runtime = runtime;
        Options = options;
    }

    public LocalBedrockServer Bedrock { get; }

    public BatchStepHost Steps { get; }

    public BatchServices Services { get; }

    public LocalBatchStackOptions Options { get; }

    public static async Task<LocalBatchStack> StartAsync(LocalBatchStackOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Bedrock ?? DefaultBedrockSettings();
        var bedrock = await LocalBedrockServer.StartAsync(settings, new LocalBedrockServerOptions
        {
            TimeProvider = options.Time,
            ObjectStore = options.ObjectStore ?? new InMemoryObjectStore(),
            MapEndpoints = options.ConfigureBedrock,
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            var runtime = new BedrockRuntimeClient(new BedrockClientOptions
            {
                ServiceUrl = bedrock.BaseAddress,
                Region = "us-east-1",
                Credentials = new BasicAWSCredentials("AKIDLOCAL", "local-secret"),
                TimeProvider = options.Time,
                Random = new Random(options.Seed),
            });
            var quotaStore = new InMemoryQuotaStore();
            var services = new BatchServices
            {
                Settings = options.Settings,
                ObjectStore = new JobsObjectStoreBridge(bedrock.ObjectStore),
                Results = options.Results ?? new InMemoryResultsStore(),
                Pending = new InMemoryPendingBatchStore(),
                JobSlots = new JobSlotLedger(quotaStore, options.JobSlots, options.Time, new Random(options.Seed)),
                OnDemandLedger = new QuotaLedger(quotaStore, OnDemandQuotas(settings), options.Time, new Random(options.Seed + 1)),
                Runtime = () => runtime,
                Time = options.Time,
                Random = new Random(options.Seed + 2),
            };
            var steps = await BatchStepHost.StartAsync(new BatchStepCatalog(services), options.AdvanceClock, options.BeforeStep, cancellationToken).ConfigureAwait(false);
            return new LocalBatchStack(bedrock, steps, services, runtime, options);
        }
        catch
        {
            await bedrock.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>No model latency, jobs go through their phases at once, Bedrock's job limits.</summary>
    public static LocalBedrockSettings DefaultBedrockSettings()
    {
        var settings = SettingsLoader.Defaults();
        settings.TimeScale = 0;
        return settings;
    }

    /// <summary>What the CDK app substitutes into the ASL file, with local ARNs (the driver maps them to the step host).</summary>
    public static JsonObject Substitutions()
    {
        var substitutions = new JsonObject
        {
            ["BatchRoleArn"] = $"arn:aws:iam::{Account}:role/bedrock-batch-local",
            ["EventBusName"] = "default",
        };
        foreach (var (placeholder, step) in StepPlaceholders)
        {
            substitutions[placeholder] = $"arn:aws:lambda:us-east-1:{Account}:function:{step}";
        }

        return substitutions;
    }

    /// <summary>The ASL placeholder of each step's function ARN.</summary>
    public static IReadOnlyList<(string Placeholder, string Step)> StepPlaceholders { get; } =
    [
        ("PrepareFunctionArn", BatchStepNames.Prepare),
        ("AdmitFunctionArn", BatchStepNames.Admit),
        ("FanOutFunctionArn", BatchStepNames.FanOut),
        ("ReleaseFunctionArn", BatchStepNames.Release),
        ("RetryFunctionArn", BatchStepNames.Retry),
        ("SummarizeFunctionArn", BatchStepNames.Summarize),
    ];

    /// <summary>Runs one execution of the state machine with <paramref name="input"/> as its input.</summary>
    public Task<WorkflowResult> RunAsync(JsonNode input, Action<JsonObject>? progress, CancellationToken cancellationToken, int waitMs = 1, TimeSpan? timeout = null)
    {
        var spec = new JsonObject
        {
            ["substitutions"] = Substitutions(),
            ["input"] = input.DeepClone(),
            ["stepsEndpoint"] = Steps.BaseAddress.ToString().TrimEnd('/'),
            ["bedrockEndpoint"] = Bedrock.BaseAddress.ToString().TrimEnd('/'),
            ["waitMs"] = waitMs,
            ["retryMs"] = 1,
        };
        if (Options.AdvanceClock is not null)
        {
            spec["clockEndpoint"] = new Uri(Steps.BaseAddress, "/_clock/advance").ToString();
        }

        return WorkflowRun.RunAsync(RepoRoot.Find(), spec, progress, timeout ?? TimeSpan.FromMinutes(5), cancellationToken);
    }

    /// <summary>The ledger's view of the local Bedrock's quotas, for the on-demand path (profiles have their own).</summary>
    private static QuotaLedgerOptions OnDemandQuotas(LocalBedrockSettings settings)
    {
        var models = new Dictionary<string, ModelQuota>(StringComparer.Ordinal);
        foreach (var (id, model) in settings.Models)
        {
            foreach (var scope in model.InferenceProfiles.Prepend(id))
            {
                models[scope] = new ModelQuota
                {
                    RequestsPerMinute = model.Quota.RequestsPerMinute,
                    TokensPerMinute = model.Quota.TokensPerMinute,
                    ConcurrentRequests = model.Quota.ConcurrentRequests,
                    OutputTokenBurndown = model.OutputTokenBurndown,
                };
            }
        }

        return new QuotaLedgerOptions { Models = models };
    }

    public async ValueTask DisposeAsync()
    {
        await Steps.DisposeAsync().ConfigureAwait(false);
        _runtime.Dispose();
        await Bedrock.DisposeAsync().ConfigureAwait(false);
    }
}
