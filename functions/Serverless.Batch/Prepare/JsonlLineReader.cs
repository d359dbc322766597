using System.Buffers;
using System.Runtime.CompilerServices;

namespace Serverless.Batch.Prepare;

/// <summary>One non-blank line of a JSONL stream; <see cref="Bytes"/> is only valid until the next line is read.</summary>
internal readonly record struct JsonlLine(long Number, ReadOnlyMemory<byte> Bytes);

/// <summary>
/// Streams the lines of a JSONL file without decoding them (LF or CRLF; blank lines skipped but counted), from a
/// pooled buffer that grows only for a line longer than itself, so prepare reads at memory speed.
/// </summary>
internal static class JsonlLineReader
{
    private const int InitialBuffer = 1 << 20;

    public static async IAsyncEnumerable<JsonlLine> ReadAsync(Stream stream, int maxLineBytes, string source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        try
        {
            int start = 0, end = 0;
            long number = 0;
            var eof = false;
            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline < 0)
                {
                    if (eof)
                    {
                        if (end > start)
                        {
                            number++;
                            if (Trimmed(buffer, start, end) is { Length: > 0 } last)
                            {
                                yield return new JsonlLine(number, last);
                            }
                        }

                        yield break;
                    }

                    if (end - start > maxLineBytes)
                    {
                        throw new BatchInputException($"{source}line {number + 1}: longer than {maxLineBytes} bytes (the largest record accepted).");
                    }

                    (buffer, start, end) = Compact(buffer, start, end);
                    var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                    eof = read == 0;
                    end += read;
                    continue;
                }

                number++;
                var lineEnd = start + newline;
                if (lineEnd - start > maxLineBytes)
                {
                    throw new BatchInputException($"{source}line {number}: longer than {maxLineBytes} bytes (the largest record accepted).");
                }

                var line = Trimmed(buffer, start, lineEnd);
                start = lineEnd + 1;
                if (line.Length > 0)
                {
                    yield return new JsonlLine(number, line);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Moves the unread tail to the front, growing the buffer when the tail already fills it.</summary>
    private static (byte[] Buffer, int Start, int End) Compact(byte[] buffer, int start, int end)
    {
        var length = end - start;
        if (start == 0 && end == buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan(0, length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            return (larger, 0, length);
        }

        if (start > 0)
        {
            buffer.AsSpan(start, length).CopyTo(buffer);
        }

        return (buffer, 0, length);
    }

    private static ReadOnlyMemory<byte> Trimmed(byte[] buffer, int start, int end)
    {
        // A UTF-8 byte order mark may open a file: it is not part of the first record.
        if (end - start >= 3 && buffer[start] == 0xEF && buffer[start + 1] == 0xBB && buffer[start + 2] == 0xBF)
        {
            start += 3;
        }

        while (end > start && buffer[end - 1] is (byte)'\r' or (byte)' ' or (byte)'\t')
        {
            end--;
        }

        while (start < end && buffer[start] is (byte)' ' or (byte)'\t')
        {
            start++;
        }

        return buffer.AsMemory(start, end - start);
    }
}
