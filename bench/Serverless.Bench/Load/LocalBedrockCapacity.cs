using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Hosting;

namespace Serverless.Bench.Load;

/// <summary>
/// The local Bedrock's capacity with zero model latency and no quotas (issue goal: at least 5,000 non-streaming
/// requests/s on 2 cores), so that it never bounds a later benchmark. Baseline in the same run: a bare Kestrel
/// endpoint that returns a canned Converse response without reading the request, the ceiling of any server
/// on this machine with this load generator sharing its two cores.
/// </summary>
public static class LocalBedrockCapacity
{
    private const string ModelId = "anthropic.claude-3-haiku-20240307-v1:0";
    private static readonly string Path = "/model/" + Uri.EscapeDataString(ModelId) + "/converse";

    private static readonly byte[] RequestBody = Encoding.UTF8.GetBytes(
        """{"messages":[{"role":"user","content":[{"text":"Name three rivers of Europe."}]}],"inferenceConfig":{"maxTokens":64}}""");

    public static async Task RunAsync(string[] args)
    {
        var concurrency = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 32;
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var warmup = TimeSpan.FromSeconds(3);
        var duration = TimeSpan.FromSeconds(seconds);
        Console.WriteLine($"Converse over HTTP/1.1, {concurrency} closed-loop callers, {warmup.TotalSeconds:N0} s warm-up, {seconds} s measured, {Environment.ProcessorCount} cores");

        await using (var bare = await StartBareKestrelAsync())
        {
            var baseline = await HttpLoadGenerator.RunAsync(bare.Urls, MakeRequest, concurrency, warmup, duration);
            Console.WriteLine($"bare Kestrel (baseline)   {baseline}");
        }

        var settings = SettingsLoader.Defaults();
        settings.TimeScale = 0;
        foreach (var model in settings.Models.Values)
        {
            model.Quota = new QuotaSettings();
        }

        await using var server = await LocalBedrockServer.StartAsync(settings);
        var ours = await HttpLoadGenerator.RunAsync(server.BaseAddress, MakeRequest, concurrency, warmup, duration);
        Console.WriteLine($"local Bedrock             {ours}");
    }

    private static HttpRequestMessage MakeRequest()
        => new(HttpMethod.Post, Path) { Content = new ByteArrayContent(RequestBody) { Headers = { ContentType = new("application/json") } } };

    private static async Task<BareServer> StartBareKestrelAsync()
    {
        var canned = Encoding.UTF8.GetBytes(
            """{"output":{"message":{"role":"assistant","content":[{"text":"Danube, Rhine and Loire."}]}},"stopReason":"end_turn","usage":{"inputTokens":9,"outputTokens":7,"totalTokens":16},"metrics":{"latencyMs":0}}""");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/model/{modelId}/converse", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(canned);
        });
        await app.StartAsync();
        return new BareServer(app);
    }

    private sealed class BareServer(WebApplication app) : IAsyncDisposable
    {
        public Uri Urls { get; } = new(app.Urls.First());

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
