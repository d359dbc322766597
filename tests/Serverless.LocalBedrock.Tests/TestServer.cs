using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Serverless.Bedrock.EventStreams;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Hosting;

namespace Serverless.LocalBedrock.Tests;

/// <summary>Starts a local Bedrock in-process on a free port with the documented defaults, no latency unless asked.</summary>
internal static class TestServer
{
    public const string Haiku3 = "anthropic.claude-3-haiku-20240307-v1:0";
    public const string Sonnet45 = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    public const string Sonnet45Profile = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    public const string NovaLite = "amazon.nova-lite-v1:0";
    public const string TitanExpress = "amazon.titan-text-express-v1";
    public const string Llama31 = "meta.llama3-1-8b-instruct-v1:0";

    public static Task<LocalBedrockServer> StartAsync(Action<LocalBedrockSettings>? configure = null, TimeProvider? time = null, int? http2Port = null)
    {
        var settings = SettingsLoader.Defaults();
        settings.TimeScale = 0;
        configure?.Invoke(settings);
        return LocalBedrockServer.StartAsync(settings, new LocalBedrockServerOptions { TimeProvider = time, Http2Port = http2Port }, TestContext.Current.CancellationToken);
    }

    public static HttpClient Client(this LocalBedrockServer server) => new() { BaseAddress = server.BaseAddress };

    public static string Path(string modelId, string operation) => $"model/{Uri.EscapeDataString(modelId)}/{operation}";

    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, string modelId, string operation, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Path(modelId, operation)) { Content = content };
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Reads a 200 JSON response, failing with the body when the status is different.</summary>
    public static async Task<JsonElement> OkJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static async Task<List<EventStreamMessage>> EventsAsync(this HttpResponseMessage response)
    {
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/vnd.amazon.eventstream", response.Content.Headers.ContentType?.MediaType);
        var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var messages = new List<EventStreamMessage>();
        await foreach (var message in EventStreamReader.ReadMessagesAsync(stream, TestContext.Current.CancellationToken))
        {
            messages.Add(message);
        }

        return messages;
    }

    public static JsonElement Json(this EventStreamMessage message)
    {
        using var document = JsonDocument.Parse(message.Payload);
        return document.RootElement.Clone();
    }

    /// <summary>The native chunk inside an InvokeModelWithResponseStream "chunk" event.</summary>
    public static JsonElement Chunk(this EventStreamMessage message)
    {
        Assert.Equal("chunk", message.EventType);
        var bytes = message.Json().GetProperty("bytes").GetBytesFromBase64();
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.Clone();
    }

    public static string ConverseBody(string text, int? maxTokens = null, string extra = "")
        => "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":" + JsonSerializer.Serialize(text) + "}]}]"
            + (maxTokens is { } m ? ",\"inferenceConfig\":{\"maxTokens\":" + m + "}" : "")
            + extra + "}";

    public static string AnthropicBody(string text, int maxTokens = 200)
        => "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":" + maxTokens + ",\"messages\":[{\"role\":\"user\",\"content\":" + JsonSerializer.Serialize(text) + "}]}";
}
