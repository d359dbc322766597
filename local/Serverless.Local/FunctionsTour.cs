using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serverless.Local;

/// <summary>
/// One call per API route through the local host (HTTP, exactly as a client of the deployed API would call it),
/// each printing what came back: the demo's first half.
/// </summary>
internal sealed class FunctionsTour(TextWriter output, HttpClient http, Func<string, long> bedrockRequests)
{
    public const string Claude = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
    public const string Nova = "amazon.nova-lite-v1:0";
    public const string ToolModel = "anthropic.claude-3-5-sonnet-20240620-v1:0";

    /// <summary>The model the demo gives a 2-requests-per-minute ledger quota, to show a refusal.</summary>
    public const string TinyQuotaModel = "meta.llama3-8b-instruct-v1:0";

    /// <summary>Prints quotes as quotes (the API's own bodies do; JsonNode's default escapes them).</summary>
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public IEnumerable<(string Title, Func<CancellationToken, Task> Step)> All() =>
    [
        ("POST /v1/converse", ConverseAsync),
        ("POST /v1/converse-stream (Server-Sent Events, printed as they arrive)", ConverseStreamAsync),
        ("POST /v1/converse with conversation memory", ConversationAsync),
        ("POST /v1/invoke/{modelId} (Anthropic Messages body)", InvokeAsync),
        ("POST /v1/invoke-stream/{modelId}?format=ndjson (Amazon Nova body)", InvokeStreamAsync),
        ("POST /v1/structured (native structured output, then forced tool use)", StructuredAsync),
        ("POST /v1/tokens", TokensAsync),
        ("POST /v1/async, then GET /v1/async/{invocationArn}", AsyncAsync),
        ("POST /v1/batch twice: the same request is the same batch (locally the execution is recorded, not run)", BatchAsync),
        ("Quota: 3 calls against a ledger quota of 2 requests per minute", QuotaAsync),
        ("Bad input: the error shape", BadInputAsync),
    ];

    private static string Ask(string modelId, string text, int maxTokens, string extra = "") =>
        new JsonObject
        {
            ["modelId"] = modelId,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["text"] = text }) }),
            ["inferenceConfig"] = new JsonObject { ["maxTokens"] = maxTokens },
        }.ToJsonString()[..^1] + extra + "}";

    private async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(string path, string json, CancellationToken cancellationToken, string? caller = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (caller is not null)
        {
            request.Headers.Add("x-caller-id", caller);
        }

        var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    private async Task<JsonNode> ExpectAsync(string path, string json, CancellationToken cancellationToken)
    {
        var (status, body, response) = await PostAsync(path, json, cancellationToken).ConfigureAwait(false);
        response.Dispose();
        return status is >= 200 and < 300
            ? body!
            : throw new InvalidOperationException($"{path} answered {status}: {body?.ToJsonString()}");
    }

    private async Task ConverseAsync(CancellationToken cancellationToken)
    {
        var reply = await ExpectAsync("/v1/converse", Ask(Claude, "Why should a serverless API meter its calls?", 120), cancellationToken).ConfigureAwait(false);
        output.WriteLine($"   200 {reply["output"]!["message"]!["content"]![0]!["text"]}");
        output.WriteLine($"   usage {reply["usage"]!.ToJsonString()}");
    }

    private async Task ConverseStreamAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/converse-stream") { Content = new StringContent(Ask(Claude, "Describe a token bucket.", 120), Encoding.UTF8, "application/json") };
        var watch = Stopwatch.StartNew();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        long? firstMs = null;
        var events = 0;
        string? name = null;
        output.Write("   ");
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
                events++;
                firstMs ??= watch.ElapsedMilliseconds;
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == "contentBlockDelta")
            {
                output.Write(JsonNode.Parse(line[6..])!["delta"]!["text"]);
                output.Flush();
            }
        }

        output.WriteLine();
        output.WriteLine($"   {(int)response.StatusCode} {response.Content.Headers.ContentType}: {events} events, first after {firstMs} ms, all in {watch.ElapsedMilliseconds} ms");
    }

    private async Task ConversationAsync(CancellationToken cancellationToken)
    {
        var first = await ExpectAsync("/v1/converse", Ask(Claude, "My name is Ada.", 60, ",\"newConversation\":true"), cancellationToken).ConfigureAwait(false);
        var id = (string)first["conversationId"]!;
        output.WriteLine($"   turn 1: conversationId {id}, {first["usage"]!["inputTokens"]} input tokens");
        var second = await ExpectAsync("/v1/converse", Ask(Claude, "What is my name?", 60, $",\"conversationId\":\"{id}\""), cancellationToken).ConfigureAwait(false);
        output.WriteLine($"   turn 2: {second["usage"]!["inputTokens"]} input tokens (turn 1 sent again as history)");
        var (status, body, response) = await PostAsync("/v1/converse", Ask(Claude, "Who am I?", 60, $",\"conversationId\":\"{id}\""), cancellationToken, caller: "someone-else").ConfigureAwait(false);
        response.Dispose();
        output.WriteLine($"   another caller's conversationId: {status} {body!["error"]!["code"]}");
    }

    private async Task InvokeAsync(CancellationToken cancellationToken)
    {
        const string body = """{"anthropic_version":"bedrock-2023-05-31","max_tokens":80,"messages":[{"role":"user","content":"Name one benefit of a quota ledger."}]}""";
        var (status, reply, response) = await PostAsync($"/v1/invoke/{Claude}", body, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            output.WriteLine($"   {status} {reply!["content"]![0]!["text"]}");
            output.WriteLine($"   x-amzn-bedrock-input-token-count {response.Headers.GetValues("x-amzn-bedrock-input-token-count").Single()}, output {response.Headers.GetValues("x-amzn-bedrock-output-token-count").Single()}");
        }
    }

    private async Task InvokeStreamAsync(CancellationToken cancellationToken)
    {
        const string body = """{"messages":[{"role":"user","content":[{"text":"Say hello."}]}],"inferenceConfig":{"maxTokens":40}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/invoke-stream/{Nova}?format=ndjson") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        var lines = 0;
        string? last = null;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lines++;
            last = line;
        }

        var metrics = JsonNode.Parse(last!)!["chunk"]!["amazon-bedrock-invocationMetrics"];
        output.WriteLine($"   {(int)response.StatusCode} {response.Content.Headers.ContentType}: {lines} lines; the last carries {metrics!.ToJsonString()}");
    }

    private async Task StructuredAsync(CancellationToken cancellationToken)
    {
        const string schema = """{"type":"object","properties":{"city":{"type":"string"},"population":{"type":"integer","minimum":0}},"required":["city","population"],"additionalProperties":false}""";
        foreach (var model in new[] { Nova, ToolModel })
        {
            var reply = await ExpectAsync("/v1/structured", Ask(model, "Describe Paris as JSON.", 200, $",\"schema\":{schema}"), cancellationToken).ConfigureAwait(false);
            output.WriteLine($"   {model}: mode {reply["mode"]}, attempts {reply["attempts"]}, output {reply["output"]!.ToJsonString()}");
        }
    }

    private async Task TokensAsync(CancellationToken cancellationToken)
    {
        var reply = await ExpectAsync("/v1/tokens", """{"modelId":"MODEL","input":{"converse":{"messages":[{"role":"user","content":[{"text":"How many tokens is this sentence?"}]}]}}}""".Replace("MODEL", Claude, StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
        output.WriteLine($"   {reply.ToJsonString()}");
    }

    private async Task BatchAsync(CancellationToken cancellationToken)
    {
        var body = """{"modelId":"MODEL","records":[{"recordId":"r1","modelInput":{"anthropic_version":"bedrock-2023-05-31","max_tokens":50,"messages":[{"role":"user","content":"Hi"}]}}]}""".Replace("MODEL", Claude, StringComparison.Ordinal);
        foreach (var attempt in new[] { "first", "again" })
        {
            var reply = await ExpectAsync("/v1/batch", body, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"   {attempt}: {reply.ToJsonString()}");
        }
    }

    private async Task AsyncAsync(CancellationToken cancellationToken)
    {
        var body = """{"modelId":"MODEL","modelInput":{"messages":[{"role":"user","content":[{"text":"Later."}]}]},"outputDataConfig":{"s3OutputDataConfig":{"s3Uri":"s3://demo-bucket/async/"}}}""".Replace("MODEL", Nova, StringComparison.Ordinal);
        var (status, started, response) = await PostAsync("/v1/async", body, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            output.WriteLine($"   {status} {started!["invocationArn"]}, Location {response.Headers.Location}");
            using var lookup = await http.GetAsync(response.Headers.Location, cancellationToken).ConfigureAwait(false);
            var description = JsonNode.Parse(await lookup.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))!;
            output.WriteLine($"   GET {(int)lookup.StatusCode}: status {description["status"]}, output {description["outputDataConfig"]!["s3OutputDataConfig"]!["s3Uri"]}");
        }
    }

    private async Task QuotaAsync(CancellationToken cancellationToken)
    {
        var before = bedrockRequests("Converse");
        for (var i = 1; i <= 3; i++)
        {
            var (status, body, response) = await PostAsync("/v1/converse", Ask(TinyQuotaModel, $"Request {i}", 16), cancellationToken).ConfigureAwait(false);
            using (response)
            {
                output.WriteLine(status == 200
                    ? $"   call {i}: 200 admitted"
                    : $"   call {i}: {status} {body!["error"]!["code"]}, Retry-After {response.Headers.RetryAfter}: {body["error"]!["message"]}");
            }
        }

        output.WriteLine($"   Bedrock received {bedrockRequests("Converse") - before} of the 3 calls");
        using var status2 = await http.GetAsync($"/v1/quota/{TinyQuotaModel}", cancellationToken).ConfigureAwait(false);
        output.WriteLine($"   GET /v1/quota/{TinyQuotaModel}: {await status2.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
    }

    private async Task BadInputAsync(CancellationToken cancellationToken)
    {
        foreach (var (path, body) in new[]
                 {
                     ("/v1/converse", """{"modelId":"amazon.nova-lite-v1:0","messages":[{"role":"user","content":[{"text":5}]}]}"""),
                     ("/v1/converse", """{"modelId":"acme.unknown-v1:0","messages":[]}"""),
                     ("/v1/structured", """{"modelId":"amazon.nova-lite-v1:0","messages":[{"role":"user","content":[{"text":"x"}]}],"schema":{"type":"objekt"}}"""),
                 })
        {
            var (status, error, response) = await PostAsync(path, body, cancellationToken).ConfigureAwait(false);
            response.Dispose();
            output.WriteLine($"   {path} → {status} {error!.ToJsonString(Readable)}");
        }
    }

}
