using System.Buffers;
using System.Runtime.CompilerServices;

namespace Serverless.Bedrock.EventStreams;

/// <summary>
/// Reads event-stream messages from a stream as they arrive: each message is yielded as soon as its last
/// byte is read, whatever the network's chunking (a frame may be split across reads, or several frames may
/// share one read). Our own decoder, not AWSSDK.Core's EventStreamDecoder, which drops messages when fed a
/// buffer at a non-zero offset.
/// </summary>
public static class EventStreamReader
{
    private const int InitialBufferSize = 16 * 1024;

    public static async IAsyncEnumerable<EventStreamMessage> ReadMessagesAsync(
        Stream stream,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        try
        {
            var start = 0;
            var end = 0;
            while (true)
            {
                // Yield every whole message already buffered before reading more.
                while (EventStreamDecoder.TryReadPrelude(buffer.AsSpan(start, end - start), out var length) && end - start >= length)
                {
                    var message = EventStreamDecoder.Decode(buffer.AsSpan(start, length));
                    start += length;
                    yield return message;
                }

                var needed = end - start >= EventStreamDecoder.PreludeLength
                    ? ReadTotalLength(buffer.AsSpan(start))
                    : EventStreamDecoder.PreludeLength;
                if (start > 0 && buffer.Length - start < Math.Max(needed, InitialBufferSize / 2))
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                if (buffer.Length - start < needed)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, buffer.Length * 2));
                    Buffer.BlockCopy(buffer, start, larger, 0, end - start);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                    end -= start;
                    start = 0;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    if (end > start)
                    {
                        throw new EventStreamFormatException($"The stream ended inside a message ({end - start} bytes of it were read).");
                    }

                    yield break;
                }

                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int ReadTotalLength(ReadOnlySpan<byte> prelude)
        => EventStreamDecoder.TryReadPrelude(prelude, out var length) ? length : EventStreamDecoder.PreludeLength;
}
