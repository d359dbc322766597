using System.Globalization;
using System.Net;
using System.Text;

namespace Serverless.Lambda.RuntimeSupport;

/// <summary>
/// One HTTP/1.1 connection to the Runtime API: writes raw request bytes and reads responses (status line, fields, a
/// Content-Length, chunked or read-to-close body). Only what the Runtime API's answers need; see
/// <see cref="RuntimeApiHttpHandler"/> for why the runtime carries its own.
/// </summary>
internal sealed class Http1Connection : IAsyncDisposable
{
    // A Runtime API status line or field is short; a longer line means the peer is not the Runtime API.
    private const int MaxLineLength = 16 * 1024;

    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    public Http1Connection(Stream stream)
    {
        Stream = stream;
    }

    public Stream Stream { get; }

    public async Task<Http1Response> ReadResponseAsync(CancellationToken ct)
    {
        var statusLine = await ReadLineAsync(ct).ConfigureAwait(false)
            ?? throw new IOException("The Runtime API closed the connection before answering.");
        var parts = statusLine.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new HttpRequestException($"The Runtime API answered '{statusLine}', not an HTTP/1.1 status line.");
        }

        var fields = await ReadFieldsAsync(ct).ConfigureAwait(false);
        var keepAlive = !HasToken(fields, "Connection", "close");
        byte[] body;
        if (HasToken(fields, "Transfer-Encoding", "chunked"))
        {
            body = await ReadChunkedAsync(ct).ConfigureAwait(false);
        }
        else if (Field(fields, "Content-Length") is { } lengthText)
        {
            if (!int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                throw new HttpRequestException($"The Runtime API sent Content-Length '{lengthText}'.");
            }

            body = await ReadExactAsync(length, ct).ConfigureAwait(false);
        }
        else
        {
            body = await ReadToEndAsync(ct).ConfigureAwait(false);
            keepAlive = false;
        }

        return new Http1Response((HttpStatusCode)status, parts.Length > 2 ? parts[2] : string.Empty, fields, body, keepAlive);
    }

    public ValueTask DisposeAsync() => Stream.DisposeAsync();

    private async Task<List<KeyValuePair<string, string>>> ReadFieldsAsync(CancellationToken ct)
    {
        var fields = new List<KeyValuePair<string, string>>();
        while (await ReadLineAsync(ct).ConfigureAwait(false) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new HttpRequestException($"The Runtime API sent a malformed field line '{line}'.");
            }

            fields.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        return fields;
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken ct)
    {
        var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(ct).ConfigureAwait(false) ?? throw new IOException("The chunked answer ended early.");
            var sizeText = sizeLine.Split(';', 2)[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                throw new HttpRequestException($"The Runtime API sent chunk size '{sizeLine}'.");
            }

            if (size == 0)
            {
                await ReadFieldsAsync(ct).ConfigureAwait(false); // trailers, unused
                return body.ToArray();
            }

            body.Write(await ReadExactAsync(size, ct).ConfigureAwait(false));
            if (await ReadLineAsync(ct).ConfigureAwait(false) is not { Length: 0 })
            {
                throw new HttpRequestException("A chunk of the Runtime API's answer did not end with CRLF.");
            }
        }
    }

    private async Task<string?> ReadLineAsync(CancellationToken ct)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (newline >= 0)
            {
                var line = Encoding.ASCII.GetString(_buffer, _start, newline);
                _start += newline + 2;
                return line;
            }

            if (_end - _start >= MaxLineLength || !await FillAsync(ct).ConfigureAwait(false))
            {
                return _end - _start >= MaxLineLength
                    ? throw new HttpRequestException("The Runtime API sent a line longer than 16 KiB.")
                    : null;
            }
        }
    }

    private async Task<byte[]> ReadExactAsync(int count, CancellationToken ct)
    {
        var result = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            if (_start == _end && !await FillAsync(ct).ConfigureAwait(false))
            {
                throw new IOException($"The Runtime API closed the connection {count - filled} bytes before the end of its answer.");
            }

            var take = Math.Min(count - filled, _end - _start);
            _buffer.AsSpan(_start, take).CopyTo(result.AsSpan(filled));
            _start += take;
            filled += take;
        }

        return result;
    }

    private async Task<byte[]> ReadToEndAsync(CancellationToken ct)
    {
        var body = new MemoryStream();
        do
        {
            body.Write(_buffer, _start, _end - _start);
            _start = _end;
        }
        while (await FillAsync(ct).ConfigureAwait(false));

        return body.ToArray();
    }

    /// <summary>Reads more bytes into the buffer (compacting it first); false at the end of the stream.</summary>
    private async Task<bool> FillAsync(CancellationToken ct)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            return true; // full: the caller takes bytes out before asking again
        }

        var read = await Stream.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }

    // Plain loops rather than LINQ: these run on the way to the first /next, and System.Linq need not load for them.
    private static string? Field(List<KeyValuePair<string, string>> fields, string name)
    {
        foreach (var (key, value) in fields)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private static bool HasToken(List<KeyValuePair<string, string>> fields, string name, string token)
    {
        foreach (var (key, value) in fields)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                foreach (var item in value.Split(','))
                {
                    if (string.Equals(item.Trim(), token, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
