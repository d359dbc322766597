namespace Serverless.Bedrock.EventStreams;

/// <summary>A frame that is not a valid event-stream message (bad length, checksum or header); the stream cannot continue.</summary>
public sealed class EventStreamFormatException : Exception
{
    public EventStreamFormatException(string message)
        : base(message)
    {
    }

    public EventStreamFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
