using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Serverless.Batch.Storage;
using Serverless.Local;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalHost;

namespace Serverless.Integration.Tests;

/// <summary>
/// <c>./run.sh local</c>'s batch route runs what it starts: POST /v1/batch, then GET /v1/batch/{batchId} goes from
/// RUNNING to SUCCEEDED with the run's summary (the state machine in aws-local-stepfunctions, the batch steps, a local
/// Bedrock), and only for the caller that submitted it.
/// </summary>
public sealed class LocalBatchRunTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ABatchPostedToTheLocalHostRunsToItsSummary()
    {
        await using var host = await LocalBatchHost.StartAsync();
        const string Batch = """{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","records":[{"recordId":"r1","modelInput":{"anthropic_version":"bedrock-2023-05-31","max_tokens":20,"messages":[{"role":"user","content":"Hi"}]}},{"recordId":"r2","modelInput":{"anthropic_version":"bedrock-2023-05-31","max_tokens":20,"messages":[{"role":"user","content":"Hello"}]}}]}""";

        var accepted = await SendAsync(host.Http, HttpMethod.Post, "/v1/batch", "ada", Batch, HttpStatusCode.Accepted);
        var batchId = (string)accepted["batchId"]!;
        var early = await SendAsync(host.Http, HttpMethod.Get, "/v1/batch/" + batchId, "ada", null, HttpStatusCode.OK);
        await host.Workflows.WhenEndedAsync(batchId).WaitAsync(TimeSpan.FromMinutes(2), Token);
        var ended = await SendAsync(host.Http, HttpMethod.Get, "/v1/batch/" + batchId, "ada", null, HttpStatusCode.OK);
        await SendAsync(host.Http, HttpMethod.Get, "/v1/batch/" + batchId, "grace", null, HttpStatusCode.NotFound);

        Assert.Contains((string)early["status"]!, new[] { "RUNNING", "SUCCEEDED" });
        Assert.True((string)ended["status"]! == "SUCCEEDED", ended.ToJsonString());
        var summary = ended["summary"]!;
        Assert.Equal(2, (int)summary["submitted"]!);
        Assert.Equal(2, (int)summary["succeeded"]!);
        Assert.Equal(0, (int)summary["unaccounted"]!);
        Assert.Equal(batchId, (string)summary["batches"]![0]!["batchId"]!);
        Assert.NotNull(ended["stoppedAt"]);
    }

    [Fact]
    public async Task ABatchWhoseFileIsMissingFailsAndSaysWhy()
    {
        await using var host = await LocalBatchHost.StartAsync();

        var accepted = await SendAsync(host.Http, HttpMethod.Post, "/v1/batch", "ada", """{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","inputS3Uri":"s3://nowhere/records.jsonl"}""", HttpStatusCode.Accepted);
        var batchId = (string)accepted["batchId"]!;
        await host.Workflows.WhenEndedAsync(batchId).WaitAsync(TimeSpan.FromMinutes(2), Token);
        var ended = await SendAsync(host.Http, HttpMethod.Get, "/v1/batch/" + batchId, "ada", null, HttpStatusCode.OK);

        Assert.Equal("FAILED", (string)ended["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)ended["error"]), ended.ToJsonString());
        Assert.Contains("s3://nowhere/records.jsonl", (string)ended["cause"]!, StringComparison.Ordinal);
    }

    private static async Task<JsonObject> SendAsync(HttpClient http, HttpMethod method, string path, string caller, string? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-caller-id", caller);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(expected == response.StatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The local host as <c>./run.sh local</c> wires it: the batch route's store shared with a starter that runs executions.</summary>
    private sealed class LocalBatchHost : IAsyncDisposable
    {
        private LocalBatchHost(WorkflowExecutionStarter workflows, LocalEnvironment environment)
        {
            Workflows = workflows;
            Environment = environment;
            Http = new HttpClient { BaseAddress = environment.BaseAddress };
        }

        public WorkflowExecutionStarter Workflows { get; }

        public LocalEnvironment Environment { get; }

        public HttpClient Http { get; }

        public static async Task<LocalBatchHost> StartAsync()
        {
            var objects = new InMemoryBatchObjectStore();
            var workflows = new WorkflowExecutionStarter(objects, TimeProvider.System, waitMs: 1);
            var settings = SettingsLoader.Defaults();
            settings.TimeScale = 0;
            var options = new LocalEnvironmentOptions { BedrockSettings = settings };
            options.Dependencies.BatchObjectStore = objects;
            options.Dependencies.BatchExecutionStarter = workflows;
            return new LocalBatchHost(workflows, await LocalEnvironment.StartAsync(options, Token));
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Environment.DisposeAsync();
            await Workflows.DisposeAsync();
        }
    }
}
