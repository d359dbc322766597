using System.Buffers.Binary;
using System.Text;

namespace Serverless.Bedrock.EventStreams;

/// <summary>
/// Decodes application/vnd.amazon.eventstream frames: a 12-byte prelude (total length, headers length,
/// prelude CRC-32), headers, payload, and a CRC-32 of everything before it. Both checksums are verified
/// before anything in the frame is trusted.
/// </summary>
public static class EventStreamDecoder
{
    public const int PreludeLength = 12;
    public const int MinimumMessageLength = PreludeLength + 4;

    /// <summary>AWS caps a message at 16 MiB; a larger length means a corrupt or hostile stream.</summary>
    public const int MaximumMessageLength = 16 * 1024 * 1024;

    public const int MaximumHeadersLength = 128 * 1024;

    // Names Bedrock sends on every frame: reuse one string instead of decoding it again per frame.
    private static readonly string[] CommonNames =
    [
        EventStreamMessage.MessageTypeHeader, EventStreamMessage.EventTypeHeader, EventStreamMessage.ContentTypeHeader,
        EventStreamMessage.ExceptionTypeHeader, EventStreamMessage.ErrorCodeHeader, EventStreamMessage.ErrorMessageHeader,
    ];

    private static readonly byte[][] CommonNameBytes = CommonNames.Select(Encoding.UTF8.GetBytes).ToArray();

    /// <summary>
    /// Reads and checks the prelude at the start of <paramref name="buffer"/>. Returns false when fewer than
    /// 12 bytes are there; otherwise the message's total length (which may exceed what is buffered).
    /// </summary>
    public static bool TryReadPrelude(ReadOnlySpan<byte> buffer, out int totalLength)
    {
        totalLength = 0;
        if (buffer.Length < PreludeLength)
        {
            return false;
        }

        var total = BinaryPrimitives.ReadUInt32BigEndian(buffer);
        var headers = BinaryPrimitives.ReadUInt32BigEndian(buffer[4..]);
        var preludeCrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[8..]);
        if (Crc32.Compute(buffer[..8]) != preludeCrc)
        {
            throw new EventStreamFormatException("Prelude checksum mismatch");
        }

        if (total < MinimumMessageLength || total > MaximumMessageLength)
        {
            throw new EventStreamFormatException($"Message length {total} is outside {MinimumMessageLength}..{MaximumMessageLength}.");
        }

        if (headers > MaximumHeadersLength || headers > total - MinimumMessageLength)
        {
            throw new EventStreamFormatException($"Headers length {headers} does not fit a message of {total} bytes.");
        }

        totalLength = (int)total;
        return true;
    }

    /// <summary>Decodes exactly one whole message. The payload is copied, so the caller may reuse <paramref name="frame"/>.</summary>
    public static EventStreamMessage Decode(ReadOnlySpan<byte> frame)
    {
        if (!TryReadPrelude(frame, out var total))
        {
            throw new EventStreamFormatException($"A message needs at least {MinimumMessageLength} bytes; got {frame.Length}.");
        }

        if (frame.Length != total)
        {
            throw new EventStreamFormatException($"The prelude says {total} bytes but the frame has {frame.Length}.");
        }

        var messageCrc = BinaryPrimitives.ReadUInt32BigEndian(frame[(total - 4)..]);
        if (Crc32.Compute(frame[..(total - 4)]) != messageCrc)
        {
            throw new EventStreamFormatException("Message checksum mismatch");
        }

        var headersLength = (int)BinaryPrimitives.ReadUInt32BigEndian(frame[4..]);
        var headers = DecodeHeaders(frame.Slice(PreludeLength, headersLength));
        var payload = frame[(PreludeLength + headersLength)..(total - 4)].ToArray();
        return new EventStreamMessage(headers, payload);
    }

    private static List<EventStreamHeader> DecodeHeaders(ReadOnlySpan<byte> span)
    {
        var headers = new List<EventStreamHeader>(4);
        while (!span.IsEmpty)
        {
            int nameLength = span[0];
            if (nameLength == 0 || span.Length < 1 + nameLength + 1)
            {
                throw new EventStreamFormatException("A header name is empty or runs past the headers.");
            }

            var name = DecodeName(span.Slice(1, nameLength));
            span = span[(1 + nameLength)..];
            var type = (EventStreamHeaderType)span[0];
            span = span[1..];
            long number = 0;
            byte[]? bytes = null;
            switch (type)
            {
                case EventStreamHeaderType.BoolTrue:
                    number = 1;
                    break;
                case EventStreamHeaderType.BoolFalse:
                    break;
                case EventStreamHeaderType.Byte:
                    number = (sbyte)Take(ref span, 1)[0];
                    break;
                case EventStreamHeaderType.Int16:
                    number = BinaryPrimitives.ReadInt16BigEndian(Take(ref span, 2));
                    break;
                case EventStreamHeaderType.Int32:
                    number = BinaryPrimitives.ReadInt32BigEndian(Take(ref span, 4));
                    break;
                case EventStreamHeaderType.Int64:
                case EventStreamHeaderType.Timestamp:
                    number = BinaryPrimitives.ReadInt64BigEndian(Take(ref span, 8));
                    break;
                case EventStreamHeaderType.ByteArray:
                case EventStreamHeaderType.String:
                    var length = BinaryPrimitives.ReadUInt16BigEndian(Take(ref span, 2));
                    bytes = Take(ref span, length).ToArray();
                    break;
                case EventStreamHeaderType.Uuid:
                    bytes = Take(ref span, 16).ToArray();
                    break;
                default:
                    throw new EventStreamFormatException($"Header '{name}' has unknown value type {(byte)type}.");
            }

            headers.Add(EventStreamHeader.FromWire(name, type, number, bytes));
        }

        return headers;
    }

    private static ReadOnlySpan<byte> Take(ref ReadOnlySpan<byte> span, int count)
    {
        if (span.Length < count)
        {
            throw new EventStreamFormatException("A header value runs past the headers.");
        }

        var taken = span[..count];
        span = span[count..];
        return taken;
    }

    private static string DecodeName(ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < CommonNameBytes.Length; i++)
        {
            if (bytes.SequenceEqual(CommonNameBytes[i]))
            {
                return CommonNames[i];
            }
        }

        return Encoding.UTF8.GetString(bytes);
    }
}
