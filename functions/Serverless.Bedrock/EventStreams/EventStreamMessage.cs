namespace Serverless.Bedrock.EventStreams;

/// <summary>One decoded event-stream message: its headers and payload.</summary>
public sealed class EventStreamMessage(IReadOnlyList<EventStreamHeader> headers, ReadOnlyMemory<byte> payload)
{
    public const string MessageTypeHeader = ":message-type";
    public const string EventTypeHeader = ":event-type";
    public const string ExceptionTypeHeader = ":exception-type";
    public const string ContentTypeHeader = ":content-type";
    public const string ErrorCodeHeader = ":error-code";
    public const string ErrorMessageHeader = ":error-message";

    public IReadOnlyList<EventStreamHeader> Headers { get; } = headers;

    public ReadOnlyMemory<byte> Payload { get; } = payload;

    /// <summary>"event", "exception" or "error".</summary>
    public string? MessageType => GetStringHeader(MessageTypeHeader);

    public string? EventType => GetStringHeader(EventTypeHeader);

    public string? ExceptionType => GetStringHeader(ExceptionTypeHeader);

    public string? ContentType => GetStringHeader(ContentTypeHeader);

    public string? ErrorCode => GetStringHeader(ErrorCodeHeader);

    public string? ErrorMessage => GetStringHeader(ErrorMessageHeader);

    public EventStreamHeader? GetHeader(string name)
    {
        foreach (var header in Headers)
        {
            if (string.Equals(header.Name, name, StringComparison.Ordinal))
            {
                return header;
            }
        }

        return null;
    }

    /// <summary>The header's value when it is a string header; null when absent or of another type.</summary>
    public string? GetStringHeader(string name)
        => GetHeader(name) is { Type: EventStreamHeaderType.String } header ? header.AsString : null;
}
