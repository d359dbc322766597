using System.Text.Json;
using Serverless.Bedrock.EventStreams;
using Serverless.Bedrock.Json;
using Serverless.Bedrock.Model;

namespace Serverless.Bedrock.Streaming;

/// <summary>
/// Maps one ConverseStream event frame to <see cref="ConverseStreamOutput"/>. The frame payload is the member's
/// body; unknown members such as the <c>p</c> padding are skipped by the deserializer.
/// </summary>
internal static class ConverseStreamEventMapper
{
    public static ConverseStreamOutput Map(EventStreamMessage message)
    {
        var eventType = message.EventType ?? "";
        var payload = message.Payload.Span;
        var context = BedrockJsonContext.Default;
        var output = new ConverseStreamOutput { EventType = eventType };
        switch (eventType)
        {
            case "messageStart":
                output.MessageStart = Read(payload, context.MessageStartEvent);
                break;
            case "contentBlockStart":
                output.ContentBlockStart = Read(payload, context.ContentBlockStartEvent);
                break;
            case "contentBlockDelta":
                output.ContentBlockDelta = Read(payload, context.ContentBlockDeltaEvent);
                break;
            case "contentBlockStop":
                output.ContentBlockStop = Read(payload, context.ContentBlockStopEvent);
                break;
            case "messageStop":
                output.MessageStop = Read(payload, context.MessageStopEvent);
                break;
            case "metadata":
                output.Metadata = Read(payload, context.ConverseStreamMetadataEvent);
                break;
        }

        return output;
    }

    private static T Read<T>(ReadOnlySpan<byte> payload, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return JsonSerializer.Deserialize(payload, typeInfo)
                   ?? throw new EventStreamFormatException($"The {typeof(T).Name} payload is JSON null.");
        }
        catch (JsonException ex)
        {
            throw new EventStreamFormatException($"The {typeof(T).Name} payload is not valid JSON: {ex.Message}", ex);
        }
    }
}
