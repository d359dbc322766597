using System.Globalization;
using System.Net;
using System.Text;

namespace Serverless.Lambda.RuntimeSupport;

/// <summary>
/// Reads the short answer the Runtime API gives to a streamed response sent on a raw connection (the request carried
/// "Connection: close", so the answer ends where the connection does).
/// </summary>
internal sealed record RawHttpResponse(HttpStatusCode StatusCode, byte[] Body)
{
    // The Runtime API answers with a small JSON document; anything larger is not an answer to parse.
    private const int MaxLength = 64 * 1024;

    public static async Task<RawHttpResponse> ReadAsync(Stream connection, CancellationToken ct)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        while (received.Length < MaxLength)
        {
            var read = await connection.ReadAsync(buffer, ct).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            received.Write(buffer, 0, read);
            if (IsComplete(received.GetBuffer().AsSpan(0, (int)received.Length)))
            {
                break;
            }
        }

        return Parse(received.ToArray());
    }

    internal static RawHttpResponse Parse(byte[] message)
    {
        var headerEnd = message.AsSpan().IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0)
        {
            throw new RuntimeApiException(HttpStatusCode.BadGateway, null, "The Runtime API closed the connection without a complete answer to the streamed response.");
        }

        var head = Encoding.ASCII.GetString(message, 0, headerEnd);
        var statusLine = head.Split("\r\n", 2)[0];
        var parts = statusLine.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new RuntimeApiException(HttpStatusCode.BadGateway, null, $"The Runtime API answered the streamed response with '{statusLine}', not an HTTP/1.1 status line.");
        }

        var bodyStart = headerEnd + 4;
        var body = message.AsSpan(bodyStart);
        if (ContentLength(head) is { } length && length <= body.Length)
        {
            body = body[..length];
        }

        return new RawHttpResponse((HttpStatusCode)status, body.ToArray());
    }

    private static bool IsComplete(ReadOnlySpan<byte> received)
    {
        var headerEnd = received.IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0)
        {
            return false;
        }

        var length = ContentLength(Encoding.ASCII.GetString(received[..headerEnd]));
        return length is not null && received.Length - headerEnd - 4 >= length;
    }

    private static int? ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(line.AsSpan(colon + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                return length;
            }
        }

        return null;
    }
}
