using System.Text;
using System.Text.Json;
using Serverless.Functions.Errors;
using Serverless.Functions.Http;

namespace Serverless.Functions.Streaming;

/// <summary>
/// Writes a streaming function's events, each flushed as soon as it is written: Server-Sent Events by default
/// (<c>event: name</c> + <c>data: json</c>), or NDJSON (one <c>{"name": json}</c> line each) when the client asks
/// with <c>Accept: application/x-ndjson</c> or <c>?format=ndjson</c>. An error becomes an <c>error</c> event.
/// </summary>
internal abstract class StreamEventWriter
{
    private IHttpResponseStream? _response;

    public abstract string ContentType { get; }

    public static StreamEventWriter For(HttpApiRequest request)
    {
        var format = request.Query("format");
        if (format is not null)
        {
            return format.ToLowerInvariant() switch
            {
                "sse" => new SseEventWriter(),
                "ndjson" => new NdJsonEventWriter(),
                _ => throw FunctionException.BadRequest("format", $"must be sse or ndjson (was '{format}')"),
            };
        }

        var accept = request.Header("accept");
        return accept is not null && accept.Contains(ContentTypes.NdJson, StringComparison.OrdinalIgnoreCase)
            ? new NdJsonEventWriter()
            : new SseEventWriter();
    }

    public async ValueTask StartAsync(IHttpResponseStream response, CancellationToken cancellationToken)
    {
        _response = response;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["content-type"] = ContentType,
            ["cache-control"] = "no-cache",
            // Proxies that buffer (nginx) would hold events back; this asks them not to.
            ["x-accel-buffering"] = "no",
        };
        await response.StartAsync(200, headers, cancellationToken).ConfigureAwait(false);
        await response.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes one event whose data is a JSON document, and flushes it.</summary>
    public async ValueTask WriteEventAsync(string name, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        var response = _response ?? throw new InvalidOperationException("StartAsync first.");
        var frame = Frame(name, SingleLine(json));
        await response.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        await response.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask WriteErrorAsync(FunctionError error, CancellationToken cancellationToken)
    {
        // The error event's data is the same {"error":{...}} document a whole error response carries.
        return WriteEventAsync("error", ErrorBody.Json(error), cancellationToken);
    }

    protected abstract byte[] Frame(string name, ReadOnlySpan<byte> json);

    /// <summary>Both formats end an event at a newline; a document spread over lines is rewritten compactly.</summary>
    private static ReadOnlySpan<byte> SingleLine(ReadOnlyMemory<byte> json)
    {
        if (json.Span.IndexOfAny((byte)'\n', (byte)'\r') < 0)
        {
            return json.Span;
        }

        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream(json.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            document.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    protected static byte[] Concat(params ReadOnlySpan<byte[]> parts)
    {
        var length = 0;
        foreach (var part in parts)
        {
            length += part.Length;
        }

        var frame = new byte[length];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(frame, offset);
            offset += part.Length;
        }

        return frame;
    }

    protected static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
