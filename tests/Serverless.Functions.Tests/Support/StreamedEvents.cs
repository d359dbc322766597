using System.Text;
using System.Text.Json.Nodes;

namespace Serverless.Functions.Tests.Support;

/// <summary>Reads a streaming response event by event as it arrives: SSE (<c>event:</c>/<c>data:</c>) or NDJSON lines.</summary>
internal sealed class StreamedEvents(Stream body, bool ndjson) : IDisposable
{
    private readonly StreamReader _reader = new(body, Encoding.UTF8);

    public static async Task<StreamedEvents> OpenAsync(HttpResponseMessage response)
    {
        var ndjson = response.Content.Headers.ContentType?.MediaType == "application/x-ndjson";
        return new StreamedEvents(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), ndjson);
    }

    /// <summary>The next event (name, data), or null at the end of the stream.</summary>
    public async Task<(string Name, JsonNode Data)?> NextAsync()
    {
        var token = TestContext.Current.CancellationToken;
        if (ndjson)
        {
            var line = await _reader.ReadLineAsync(token);
            if (line is null)
            {
                return null;
            }

            var union = JsonNode.Parse(line)!.AsObject();
            Assert.Single(union);
            var (name, data) = union.First();
            return (name, data!.DeepClone());
        }

        string? eventName = null;
        var payload = new StringBuilder();
        while (await _reader.ReadLineAsync(token) is { } line)
        {
            if (line.Length == 0)
            {
                if (eventName is not null)
                {
                    return (eventName, JsonNode.Parse(payload.ToString())!);
                }

                continue;
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                payload.Append(line["data: ".Length..]);
            }
        }

        return null;
    }

    public async Task<List<(string Name, JsonNode Data)>> ReadAllAsync()
    {
        var events = new List<(string, JsonNode)>();
        while (await NextAsync() is { } next)
        {
            events.Add(next);
        }

        return events;
    }

    public void Dispose() => _reader.Dispose();
}
