using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Serverless.Bedrock.EventStreams;

/// <summary>Encodes event-stream frames (the inverse of <see cref="EventStreamDecoder"/>).</summary>
public static class EventStreamEncoder
{
    private const string JsonContentType = "application/json";

    /// <summary>An event frame as Bedrock sends it: :event-type, :content-type application/json, :message-type event.</summary>
    public static byte[] EncodeEvent(string eventType, ReadOnlySpan<byte> jsonPayload)
        => Encode(
            [
                EventStreamHeader.String(EventStreamMessage.EventTypeHeader, eventType),
                EventStreamHeader.String(EventStreamMessage.ContentTypeHeader, JsonContentType),
                EventStreamHeader.String(EventStreamMessage.MessageTypeHeader, "event"),
            ],
            jsonPayload);

    /// <summary>An exception frame: :exception-type (camelCase, e.g. throttlingException), :content-type, :message-type exception.</summary>
    public static byte[] EncodeException(string exceptionType, ReadOnlySpan<byte> jsonPayload)
        => Encode(
            [
                EventStreamHeader.String(EventStreamMessage.ExceptionTypeHeader, exceptionType),
                EventStreamHeader.String(EventStreamMessage.ContentTypeHeader, JsonContentType),
                EventStreamHeader.String(EventStreamMessage.MessageTypeHeader, "exception"),
            ],
            jsonPayload);

    public static byte[] Encode(IReadOnlyList<EventStreamHeader> headers, ReadOnlySpan<byte> payload)
    {
        var buffer = new ArrayBufferWriter<byte>(EventStreamDecoder.MinimumMessageLength + payload.Length + 64);
        Write(buffer, headers, payload);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes one frame into <paramref name="writer"/> and returns its length.</summary>
    public static int Write(IBufferWriter<byte> writer, IReadOnlyList<EventStreamHeader> headers, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(headers);
        var headersLength = 0;
        foreach (var header in headers)
        {
            headersLength += HeaderLength(header);
        }

        var total = (long)EventStreamDecoder.MinimumMessageLength + headersLength + payload.Length;
        if (headersLength > EventStreamDecoder.MaximumHeadersLength || total > EventStreamDecoder.MaximumMessageLength)
        {
            throw new ArgumentException($"A frame of {total} bytes ({headersLength} of headers) exceeds the event-stream limits.", nameof(payload));
        }

        var frame = writer.GetSpan((int)total)[..(int)total];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)total);
        BinaryPrimitives.WriteUInt32BigEndian(frame[4..], (uint)headersLength);
        BinaryPrimitives.WriteUInt32BigEndian(frame[8..], Crc32.Compute(frame[..8]));
        var offset = EventStreamDecoder.PreludeLength;
        foreach (var header in headers)
        {
            offset += WriteHeader(frame[offset..], header);
        }

        payload.CopyTo(frame[offset..]);
        offset += payload.Length;
        BinaryPrimitives.WriteUInt32BigEndian(frame[offset..], Crc32.Compute(frame[..offset]));
        writer.Advance((int)total);
        return (int)total;
    }

    private static int HeaderLength(EventStreamHeader header)
        => 1 + Encoding.UTF8.GetByteCount(header.Name) + 1 + header.Type switch
        {
            EventStreamHeaderType.BoolTrue or EventStreamHeaderType.BoolFalse => 0,
            EventStreamHeaderType.Byte => 1,
            EventStreamHeaderType.Int16 => 2,
            EventStreamHeaderType.Int32 => 4,
            EventStreamHeaderType.Int64 or EventStreamHeaderType.Timestamp => 8,
            EventStreamHeaderType.ByteArray or EventStreamHeaderType.String => 2 + header.Bytes!.Length,
            EventStreamHeaderType.Uuid => 16,
            _ => throw new ArgumentException($"Header '{header.Name}' has unknown type {header.Type}."),
        };

    private static int WriteHeader(Span<byte> span, EventStreamHeader header)
    {
        var nameLength = Encoding.UTF8.GetBytes(header.Name, span[1..]);
        span[0] = (byte)nameLength;
        var offset = 1 + nameLength;
        span[offset++] = (byte)header.Type;
        switch (header.Type)
        {
            case EventStreamHeaderType.BoolTrue:
            case EventStreamHeaderType.BoolFalse:
                break;
            case EventStreamHeaderType.Byte:
                span[offset++] = unchecked((byte)(sbyte)header.Number);
                break;
            case EventStreamHeaderType.Int16:
                BinaryPrimitives.WriteInt16BigEndian(span[offset..], (short)header.Number);
                offset += 2;
                break;
            case EventStreamHeaderType.Int32:
                BinaryPrimitives.WriteInt32BigEndian(span[offset..], (int)header.Number);
                offset += 4;
                break;
            case EventStreamHeaderType.Int64:
            case EventStreamHeaderType.Timestamp:
                BinaryPrimitives.WriteInt64BigEndian(span[offset..], header.Number);
                offset += 8;
                break;
            case EventStreamHeaderType.ByteArray:
            case EventStreamHeaderType.String:
                BinaryPrimitives.WriteUInt16BigEndian(span[offset..], (ushort)header.Bytes!.Length);
                offset += 2;
                header.Bytes.CopyTo(span[offset..]);
                offset += header.Bytes.Length;
                break;
            case EventStreamHeaderType.Uuid:
                header.Bytes!.CopyTo(span[offset..]);
                offset += 16;
                break;
        }

        return offset;
    }
}
