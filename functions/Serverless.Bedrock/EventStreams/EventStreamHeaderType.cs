namespace Serverless.Bedrock.EventStreams;

/// <summary>The header value types of the application/vnd.amazon.eventstream framing (their wire codes).</summary>
public enum EventStreamHeaderType : byte
{
    BoolTrue = 0,
    BoolFalse = 1,
    Byte = 2,
    Int16 = 3,
    Int32 = 4,
    Int64 = 5,
    ByteArray = 6,
    String = 7,
    Timestamp = 8,
    Uuid = 9,
}
