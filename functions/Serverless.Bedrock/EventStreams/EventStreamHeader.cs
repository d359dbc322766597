namespace Serverless.Bedrock.EventStreams;

/// <summary>
/// One event-stream header. Numeric, boolean and timestamp values live in <see cref="Number"/>
/// (booleans as 0/1, timestamps as milliseconds since the Unix epoch); strings, byte arrays and UUIDs in
/// <see cref="Bytes"/> (UTF-8 for strings, 16 bytes for UUIDs), so decoding allocates no boxes.
/// </summary>
public sealed class EventStreamHeader
{
    private EventStreamHeader(string name, EventStreamHeaderType type, long number, byte[]? bytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (System.Text.Encoding.UTF8.GetByteCount(name) > byte.MaxValue)
        {
            throw new ArgumentException($"Header name '{name}' is longer than 255 UTF-8 bytes.", nameof(name));
        }

        if (bytes is { Length: > ushort.MaxValue })
        {
            throw new ArgumentException($"Header '{name}' value is longer than 65535 bytes.", nameof(bytes));
        }

        Name = name;
        Type = type;
        Number = number;
        Bytes = bytes;
    }

    public string Name { get; }

    public EventStreamHeaderType Type { get; }

    public long Number { get; }

    public byte[]? Bytes { get; }

    public bool AsBool => Type switch
    {
        EventStreamHeaderType.BoolTrue => true,
        EventStreamHeaderType.BoolFalse => false,
        _ => throw new InvalidOperationException($"Header '{Name}' is {Type}, not a boolean."),
    };

    public string AsString => Type == EventStreamHeaderType.String
        ? System.Text.Encoding.UTF8.GetString(Bytes!)
        : throw new InvalidOperationException($"Header '{Name}' is {Type}, not a string.");

    public DateTimeOffset AsTimestamp => Type == EventStreamHeaderType.Timestamp
        ? DateTimeOffset.FromUnixTimeMilliseconds(Number)
        : throw new InvalidOperationException($"Header '{Name}' is {Type}, not a timestamp.");

    public Guid AsUuid => Type == EventStreamHeaderType.Uuid
        ? new Guid(Bytes!, bigEndian: true)
        : throw new InvalidOperationException($"Header '{Name}' is {Type}, not a UUID.");

    public static EventStreamHeader Bool(string name, bool value)
        => new(name, value ? EventStreamHeaderType.BoolTrue : EventStreamHeaderType.BoolFalse, value ? 1 : 0, null);

    public static EventStreamHeader Byte(string name, sbyte value) => new(name, EventStreamHeaderType.Byte, value, null);

    public static EventStreamHeader Int16(string name, short value) => new(name, EventStreamHeaderType.Int16, value, null);

    public static EventStreamHeader Int32(string name, int value) => new(name, EventStreamHeaderType.Int32, value, null);

    public static EventStreamHeader Int64(string name, long value) => new(name, EventStreamHeaderType.Int64, value, null);

    public static EventStreamHeader ByteArray(string name, byte[] value) => new(name, EventStreamHeaderType.ByteArray, 0, value);

    public static EventStreamHeader String(string name, string value)
        => new(name, EventStreamHeaderType.String, 0, System.Text.Encoding.UTF8.GetBytes(value));

    public static EventStreamHeader Timestamp(string name, DateTimeOffset value)
        => new(name, EventStreamHeaderType.Timestamp, value.ToUnixTimeMilliseconds(), null);

    public static EventStreamHeader Uuid(string name, Guid value) => new(name, EventStreamHeaderType.Uuid, 0, value.ToByteArray(bigEndian: true));

    internal static EventStreamHeader FromWire(string name, EventStreamHeaderType type, long number, byte[]? bytes) => new(name, type, number, bytes);
}
