using System.Text.Json;
using Serverless.Bedrock.EventStreams;
using Serverless.Bedrock.Json;
using Serverless.Bedrock.Model;

namespace Serverless.Bedrock.Streaming;

/// <summary>Maps InvokeModelWithResponseStream <c>chunk</c> frames (<c>{"bytes":"&lt;base64&gt;","p":"..."}</c>) to parts.</summary>
internal static class InvokeModelStreamEventMapper
{
    /// <summary>The part a chunk carries; null for event types this client does not know (skipped).</summary>
    public static PayloadPart? Map(EventStreamMessage message)
    {
        if (message.EventType != "chunk")
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(message.Payload.Span, BedrockJsonContext.Default.PayloadPart)
                   ?? throw new EventStreamFormatException("The chunk payload is JSON null.");
        }
        catch (JsonException ex)
        {
            throw new EventStreamFormatException($"The chunk payload is not valid JSON: {ex.Message}", ex);
        }
    }
}
