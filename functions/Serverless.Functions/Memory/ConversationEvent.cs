using System.Text.Json;

namespace Serverless.Functions.Memory;

/// <summary>The first event of a converse stream that uses memory: <c>{"conversationId":"..."}</c>.</summary>
internal static class ConversationEvent
{
    public static byte[] Json(string conversationId)
    {
        using var buffer = new MemoryStream(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("conversationId", conversationId);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
