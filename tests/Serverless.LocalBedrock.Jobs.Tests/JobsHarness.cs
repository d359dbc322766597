using System.Text;
using System.Text.Json;
using Serverless.LocalBedrock.Jobs.Storage;
using Serverless.LocalBedrock.Jobs.Wire;
using Serverless.TestSupport;

namespace Serverless.LocalBedrock.Jobs.Tests;

/// <summary>A jobs service on a manual clock, an object store and a fake invoker, plus request builders and fixture access.</summary>
internal sealed class JobsHarness : IAsyncDisposable
{
    public const string Bucket = "batch-bucket";
    public const string RoleArn = "arn:aws:iam::123456789012:role/BedrockBatchRole";
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    public JobsHarness(LocalJobsOptions? options = null, IObjectStore? store = null)
    {
        Options = options ?? new LocalJobsOptions();
        Store = store ?? new InMemoryObjectStore();
        Service = new LocalJobsService(Options, Store, Invoker, Time);
    }

    public ManualTimeProvider Time { get; } = new();

    public FakeModelInvoker Invoker { get; } = new();

    public IObjectStore Store { get; }

    public LocalJobsOptions Options { get; }

    public LocalJobsService Service { get; }

    public static string FixtureInputPath => RepoPaths.Fixture("bedrock-batch", "serverless-patterns-s3-bedrock-batch-inference-cdk", "input.jsonl");

    public static string ExcerptInputPath => RepoPaths.Fixture("bedrock-batch", "amazon-bedrock-samples-batch-orchestrator", "stage_3_input.excerpt.jsonl");

    public static string ExcerptOutputPath => RepoPaths.Fixture("bedrock-batch", "amazon-bedrock-samples-batch-orchestrator", "stage_3_output.excerpt.jsonl.out");

    public static string[] FixtureLines() => File.ReadAllText(FixtureInputPath).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public async Task<string> PutInputAsync(string key, IEnumerable<string> lines)
    {
        var uri = new S3ObjectUri(Bucket, key);
        await Store.PutAsync(uri, Encoding.UTF8.GetBytes(string.Join('\n', lines)), TestContext.Current.CancellationToken);
        return uri.ToString();
    }

    public Task<string> PutFixtureInputAsync(string key = "input/input.jsonl") => PutInputAsync(key, FixtureLines());

    public static CreateModelInvocationJobRequest JobRequest(string name, string inputUri, string? token = null, string model = FakeModelInvoker.Claude, int? timeoutHours = null)
        => new()
        {
            JobName = name,
            RoleArn = RoleArn,
            ClientRequestToken = token,
            ModelId = model,
            InputDataConfig = new ModelInvocationJobInputDataConfig { S3InputDataConfig = new ModelInvocationJobS3InputDataConfig { S3Uri = inputUri, S3InputFormat = "JSONL" } },
            OutputDataConfig = new ModelInvocationJobOutputDataConfig { S3OutputDataConfig = new ModelInvocationJobS3OutputDataConfig { S3Uri = $"s3://{Bucket}/output/" } },
            TimeoutDurationInHours = timeoutHours,
        };

    public string Create(string name, string inputUri, string? token = null, string model = FakeModelInvoker.Claude, int? timeoutHours = null)
        => Service.CreateModelInvocationJob(JobRequest(name, inputUri, token, model, timeoutHours)).JobArn;

    public Task WaitForAsync(string jobArn, string status)
        => Service.WaitForJobStatusAsync(jobArn, status, TestContext.Current.CancellationToken).WaitAsync(WaitLimit, TestContext.Current.CancellationToken);

    public static string JobId(string jobArn) => jobArn[^12..];

    public async Task<string?> ReadTextAsync(string uri)
    {
        var bytes = await Store.GetAsync(S3ObjectUri.Parse(uri), TestContext.Current.CancellationToken);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes);
    }

    public Task<string?> ReadOutputAsync(string jobArn, string name) => ReadTextAsync($"s3://{Bucket}/output/{JobId(jobArn)}/{name}");

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public ValueTask DisposeAsync() => Service.DisposeAsync();
}
