using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Bedrock;
using Serverless.Functions;
using Serverless.Functions.Configuration;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Hosting;
using Serverless.LocalHost;
using Serverless.Quota;

namespace Serverless.Functions.Tests.Support;

/// <summary>
/// A local Bedrock at zero latency (unless a test gives it a clock and latency), the catalog wired to it and the local
/// host in front, all on free loopback ports, with an HttpClient for the host. One per test: each gets a fresh ledger.
/// </summary>
internal sealed class TestEnvironment : IAsyncDisposable
{
    public const string Claude = "anthropic.claude-3-haiku-20240307-v1:0";
    public const string ClaudeProfile = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
    public const string Nova = "amazon.nova-lite-v1:0";
    public const string Titan = "amazon.titan-text-express-v1";
    public const string Llama = "meta.llama3-8b-instruct-v1:0";

    private TestEnvironment(LocalEnvironment local, HttpClient http)
    {
        Local = local;
        Http = http;
    }

    public LocalEnvironment Local { get; }

    public HttpClient Http { get; }

    public LocalBedrockServer Bedrock => Local.Bedrock;

    public QuotaLedger Ledger => Local.Catalog.Ledger;

    public static async Task<TestEnvironment> StartAsync(
        Action<FunctionsConfiguration>? configure = null,
        Action<LocalBedrockSettings>? bedrock = null,
        TimeProvider? bedrockClock = null,
        Action<FunctionDependencies>? dependencies = null,
        Action<LocalHostOptions>? host = null)
    {
        var settings = SettingsLoader.Defaults();
        settings.TimeScale = 0;
        bedrock?.Invoke(settings);
        var options = new LocalEnvironmentOptions
        {
            BedrockSettings = settings,
            BedrockServer = new LocalBedrockServerOptions { TimeProvider = bedrockClock },
            Configure = configure,
            Dependencies = new FunctionDependencies
            {
                Random = new Random(7),
                // A fault must surface as its own status, not be retried away.
                BedrockRetry = new RetryOptions { MaxAttempts = 1 },
            },
        };
        dependencies?.Invoke(options.Dependencies);
        host?.Invoke(options.Host);
        var local = await LocalEnvironment.StartAsync(options, TestContext.Current.CancellationToken);
        var http = new HttpClient { BaseAddress = local.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        return new TestEnvironment(local, http);
    }

    public Task<HttpResponseMessage> PostAsync(string path, string json, string? caller = null, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (caller is not null)
        {
            request.Headers.Add("x-caller-id", caller);
        }

        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        return Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? caller = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (caller is not null)
        {
            request.Headers.Add("x-caller-id", caller);
        }

        return Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async Task<JsonNode> PostJsonAsync(string path, string json, string? caller = null)
    {
        using var response = await PostAsync(path, json, caller);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Requests Bedrock answered for an operation (any status), from the local Bedrock's counters.</summary>
    public long BedrockResponses(string operation)
        => Bedrock.Stats().Responses.Where(r => r.Key.StartsWith(operation + ":", StringComparison.Ordinal)).Sum(r => r.Value);

    public async Task<QuotaStatus> StatusAsync(string modelId, string? caller = null)
        => await Ledger.GetStatusAsync(modelId, caller, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Local.DisposeAsync();
    }

    public static string ConverseBody(string modelId, string text, int? maxTokens = null, string extra = "")
    {
        var inference = maxTokens is { } max ? $",\"inferenceConfig\":{{\"maxTokens\":{max}}}" : "";
        return $$"""{"modelId":"{{modelId}}","messages":[{"role":"user","content":[{"text":{{JsonSerializer.Serialize(text)}}}]}]{{inference}}{{extra}}}""";
    }
}
