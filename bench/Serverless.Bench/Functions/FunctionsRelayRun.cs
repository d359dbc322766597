using System.Diagnostics;
using System.Globalization;
using System.Text;
using Serverless.Bench.Quota;

namespace Serverless.Bench.Functions;

/// <summary>
/// Issue 4, stream relay overhead: from the local Bedrock writing its first event to the client reading the first
/// byte, through the local host (local Bedrock → Bedrock client → function → Kestrel → client) beside the client
/// reading the local Bedrock directly, interleaved request by request so drift hits both alike. One caller, zero
/// model latency. <c>functions-relay [requests] [warm-up]</c>.
/// </summary>
public static class FunctionsRelayRun
{
    private const string NovaBody = """{"messages":[{"role":"user","content":[{"text":"Relay this."}]}],"inferenceConfig":{"maxTokens":40}}""";
    private const string ConverseBody = """{"messages":[{"role":"user","content":[{"text":"Relay this."}]}],"inferenceConfig":{"maxTokens":40}}""";

    public static async Task RunAsync(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3_000;
        var warmup = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
        Console.WriteLine($"Stream relay: local Bedrock's first event write → client's first body byte, {n:N0} requests per row after {warmup:N0} warm-up, one caller, {Environment.ProcessorCount} cores");
        var probe = new FirstWriteProbe();
        await using var environment = await BenchEnvironment.StartAsync(probe);
        using var direct = BenchEnvironment.Client(environment.Bedrock.BaseAddress);
        using var host = BenchEnvironment.Client(environment.BaseAddress);
        var model = BenchEnvironment.Model;

        var rows = new (string Name, Func<HttpRequestMessage> Request, HttpClient Client)[]
        {
            ("InvokeModelWithResponseStream, direct (baseline)", () => Post($"/model/{model}/invoke-with-response-stream", NovaBody), direct),
            ("invoke-stream through the local host (SSE)", () => Post($"/v1/invoke-stream/{model}", NovaBody), host),
            ("ConverseStream, direct (baseline)", () => Post($"/model/{model}/converse-stream", ConverseBody), direct),
            ("converse-stream through the local host (SSE)", () => Post("/v1/converse-stream", ConverseBody.Insert(1, $"\"modelId\":\"{model}\",")), host),
        };
        var latencies = rows.Select(_ => new Latencies()).ToArray();
        for (var i = 0; i < warmup + n; i++)
        {
            for (var r = 0; r < rows.Length; r++)
            {
                var sample = await FirstByteAfterFirstEventAsync(rows[r].Client, rows[r].Request(), probe);
                if (i >= warmup)
                {
                    latencies[r].Add(sample);
                }
            }
        }

        Console.WriteLine($"{"",-52} {"p50",9} {"p90",9} {"p99",9}");
        for (var r = 0; r < rows.Length; r++)
        {
            Console.WriteLine($"{rows[r].Name,-52} {latencies[r].P50,7:F3}ms {latencies[r].Percentile(0.9),7:F3}ms {latencies[r].P99,7:F3}ms");
        }

        Console.WriteLine($"relay overhead p50: invoke-stream {latencies[1].P50 - latencies[0].P50:F3} ms, converse-stream {latencies[3].P50 - latencies[2].P50:F3} ms");
    }

    private static HttpRequestMessage Post(string path, string json)
        => new(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>Milliseconds from the local Bedrock's first body write to the client holding the first body byte; the rest is drained.</summary>
    private static async Task<double> FirstByteAfterFirstEventAsync(HttpClient client, HttpRequestMessage request, FirstWriteProbe probe)
    {
        probe.Take();
        using (request)
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[16 * 1024];
            if (await body.ReadAsync(buffer.AsMemory(0, 1)) != 1)
            {
                throw new InvalidOperationException("The stream was empty.");
            }

            var firstByte = Stopwatch.GetTimestamp();
            var firstEvent = probe.Take();
            while (await body.ReadAsync(buffer) > 0)
            {
            }

            return firstEvent == 0 ? throw new InvalidOperationException("The local Bedrock wrote nothing.") : Stopwatch.GetElapsedTime(firstEvent, firstByte).TotalMilliseconds;
        }
    }
}
