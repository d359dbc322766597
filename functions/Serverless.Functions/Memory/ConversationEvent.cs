using System.Text.Json;

namespace Serverless.Functions.Memory;

/// <summary>
/// The first event of a converse stream that uses memory:
/// <c>{"conversationId":"...","turnsDropped":0,"summarized":false}</c> — the stream's form of the buffered route's
/// conversation headers.
/// </summary>
internal static class ConversationEvent
{
    public static byte[] Json(string conversationId, int turnsDropped, bool summarized)
    {
        using var buffer = new MemoryStream(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("conversationId", conversationId);
            writer.WriteNumber("turnsDropped", turnsDropped);
            writer.WriteBoolean("summarized", summarized);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
