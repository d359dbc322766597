using System.Buffers;
using System.Text;

namespace Serverless.Lambda.RuntimeSupport;

/// <summary>
/// Writes an HTTP/1.1 chunked request body (RFC 9112 §7.1) that can end with trailer fields. It exists because .NET's
/// HttpClient cannot send request trailers: SocketsHttpHandler's chunked writer always ends with a bare "0\r\n\r\n" and
/// HttpRequestMessage has no trailing headers, while Lambda reads a streamed response's mid-stream error from the
/// Lambda-Runtime-Function-Error-Type / -Body trailers. Each write becomes one chunk and is sent at once (no buffering),
/// so a relayed event reaches Lambda as soon as the handler writes it.
/// </summary>
internal sealed class ChunkedBodyWriter
{
    // A chunk of up to this size goes out as one write (size line, data, CRLF) rather than three.
    private const int CoalesceLimit = 64 * 1024;

    private readonly Stream _destination;
    private bool _ended;

    public ChunkedBodyWriter(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        _destination = destination;
    }

    public async ValueTask WriteChunkAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_ended, this);
        if (data.IsEmpty)
        {
            // A zero-size chunk would end the body.
            return;
        }

        var sizeLine = Encoding.ASCII.GetBytes(data.Length.ToString("X", System.Globalization.CultureInfo.InvariantCulture) + "\r\n");
        if (data.Length > CoalesceLimit)
        {
            await _destination.WriteAsync(sizeLine, ct).ConfigureAwait(false);
            await _destination.WriteAsync(data, ct).ConfigureAwait(false);
            await _destination.WriteAsync("\r\n"u8.ToArray(), ct).ConfigureAwait(false);
        }
        else
        {
            var length = sizeLine.Length + data.Length + 2;
            var buffer = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                sizeLine.CopyTo(buffer, 0);
                data.Span.CopyTo(buffer.AsSpan(sizeLine.Length));
                buffer[length - 2] = (byte)'\r';
                buffer[length - 1] = (byte)'\n';
                await _destination.WriteAsync(buffer.AsMemory(0, length), ct).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        await _destination.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Ends the body: the last (zero-size) chunk, then the trailer fields, then the empty line.</summary>
    public async ValueTask WriteEndAsync(IReadOnlyList<KeyValuePair<string, string>> trailers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(trailers);
        ObjectDisposedException.ThrowIf(_ended, this);
        _ended = true;
        var end = new StringBuilder("0\r\n");
        foreach (var (name, value) in trailers)
        {
            end.Append(CheckFieldName(name)).Append(": ").Append(CheckFieldValue(name, value)).Append("\r\n");
        }

        end.Append("\r\n");
        await _destination.WriteAsync(Encoding.ASCII.GetBytes(end.ToString()), ct).ConfigureAwait(false);
        await _destination.FlushAsync(ct).ConfigureAwait(false);
    }

    private static string CheckFieldName(string name)
    {
        if (string.IsNullOrEmpty(name) || !name.All(c => c is > ' ' and < (char)127 and not ':'))
        {
            throw new ArgumentException($"'{name}' is not a valid HTTP field name.", nameof(name));
        }

        return name;
    }

    private static string CheckFieldValue(string name, string value)
    {
        // A CR or LF would end the field early and break the framing Lambda reads.
        if (!value.All(c => c is >= ' ' and < (char)127 or '\t'))
        {
            throw new ArgumentException($"The value of trailer '{name}' has a control or non-ASCII character.", nameof(value));
        }

        return value;
    }
}
