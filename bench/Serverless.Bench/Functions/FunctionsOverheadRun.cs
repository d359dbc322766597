using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Serverless.Bedrock;
using Serverless.Bedrock.Model;
using Serverless.Bench.Quota;
using Serverless.Functions;
using Serverless.Functions.Http;
using Serverless.Functions.Routing;

namespace Serverless.Bench.Functions;

/// <summary>
/// Issue 4, warm handler overhead excluding Bedrock latency (in-memory ledger, zero model latency), interleaved
/// call by call so drift hits every row alike:
/// (1) over HTTP: POST /v1/converse through the local host beside the same Converse call straight to the local Bedrock;
/// (2) in process: the converse function's HandleAsync beside BedrockRuntimeClient.ConverseAsync, which excludes the
/// host's HTTP hop and leaves what the handler adds (parsing, validation, the ledger's reserve and settle, the
/// response). <c>functions-overhead [calls] [warm-up]</c>.
/// </summary>
public static class FunctionsOverheadRun
{
    private const string Messages = """[{"role":"user","content":[{"text":"What does a quota ledger do?"}]}]""";

    public static async Task RunAsync(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5_000;
        var warmup = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000;
        Console.WriteLine($"Warm overhead of the converse function, {n:N0} calls per row after {warmup:N0} warm-up, one caller, in-memory ledger, zero model latency, {Environment.ProcessorCount} cores");
        await using var environment = await BenchEnvironment.StartAsync();
        var model = BenchEnvironment.Model;
        using var direct = BenchEnvironment.Client(environment.Bedrock.BaseAddress);
        using var host = BenchEnvironment.Client(environment.BaseAddress);
        using var client = new BedrockRuntimeClient(new BedrockClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = environment.Bedrock.BaseAddress,
            Credentials = new BasicAWSCredentials("AKIDBENCH", "bench-secret"),
        });
        var function = environment.Catalog.Buffered(FunctionNames.Converse);
        var converseJson = "{\"messages\":" + Messages + ",\"inferenceConfig\":{\"maxTokens\":40}}";
        var functionJson = "{\"modelId\":\"" + model + "\"," + converseJson[1..];

        var rows = new (string Name, Func<Task> Call)[]
        {
            ("HTTP: Converse straight to the local Bedrock (baseline)", () => PostAsync(direct, $"/model/{model}/converse", converseJson)),
            ("HTTP: POST /v1/converse through the local host", () => PostAsync(host, "/v1/converse", functionJson)),
            ("in process: BedrockRuntimeClient.ConverseAsync (baseline)", () => client.ConverseAsync(new ConverseRequest
            {
                ModelId = model,
                Messages = [new Message { Role = ConversationRole.User, Content = [ContentBlock.FromText("What does a quota ledger do?")] }],
                InferenceConfig = new InferenceConfiguration { MaxTokens = 40 },
            })),
            ("in process: converse function HandleAsync", () => HandleAsync(function, functionJson)),
        };
        var latencies = rows.Select(_ => new Latencies()).ToArray();
        for (var i = 0; i < warmup + n; i++)
        {
            for (var r = 0; r < rows.Length; r++)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await rows[r].Call();
                if (i >= warmup)
                {
                    latencies[r].Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }

        Console.WriteLine($"{"",-60} {"p50",9} {"p90",9} {"p99",9}");
        for (var r = 0; r < rows.Length; r++)
        {
            Console.WriteLine($"{rows[r].Name,-60} {latencies[r].P50,7:F3}ms {latencies[r].Percentile(0.9),7:F3}ms {latencies[r].P99,7:F3}ms");
        }

        Console.WriteLine($"overhead p50: through the host {latencies[1].P50 - latencies[0].P50:F3} ms, handler in process {latencies[3].P50 - latencies[2].P50:F3} ms");
        Console.WriteLine($"ledger: {environment.Catalog.Ledger.Counters.Decisions:N0} decisions, {environment.Catalog.Ledger.Counters.Refused:N0} refused");
    }

    private static async Task PostAsync(HttpClient client, string path, string json)
    {
        using var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
    }

    private static async Task HandleAsync(IHttpFunction function, string json)
    {
        var request = new HttpApiRequest
        {
            RawPath = "/v1/converse",
            Body = json,
            RequestContext = new HttpApiRequestContext { Http = new HttpApiHttpDescription { Method = "POST" }, RequestId = "bench" },
        };
        var response = await function.HandleAsync(request, new FunctionContext { RequestId = "bench", Deadline = DateTimeOffset.UtcNow.AddMinutes(1) }, CancellationToken.None);
        if (response.StatusCode != 200)
        {
            throw new InvalidOperationException($"converse answered {response.StatusCode}: {response.Body}");
        }
    }
}
