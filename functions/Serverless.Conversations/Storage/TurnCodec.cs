using System.Text.Json;
using Serverless.Bedrock.Json;
using Serverless.Bedrock.Model;

namespace Serverless.Conversations.Storage;

/// <summary>
/// A turn's messages as stored: the Bedrock Converse <c>messages</c> JSON array, written by the Bedrock client's own
/// source-generated context so what is stored is byte-for-byte what Converse accepts (and unknown members round-trip).
/// </summary>
internal static class TurnCodec
{
    /// <summary>
    /// The Bedrock context with text kept as UTF-8 instead of \uXXXX escapes: non-Latin text would otherwise take two to
    /// six times the bytes against the item and turn limits. Stored bytes never meet HTML, so relaxed escaping is safe.
    /// </summary>
    private static readonly BedrockJsonContext Context = new(new JsonSerializerOptions(BedrockJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static byte[] Encode(IReadOnlyList<Message> messages)
        => JsonSerializer.SerializeToUtf8Bytes(messages as List<Message> ?? [.. messages], Context.ListMessage);

    public static List<Message> Decode(ReadOnlySpan<byte> json)
        => JsonSerializer.Deserialize(json, Context.ListMessage)
           ?? throw new JsonException("A stored conversation turn is JSON null instead of a list of messages.");

    /// <summary>Throws <see cref="ConversationTurnTooLargeException"/> when <paramref name="json"/> cannot be stored as one turn.</summary>
    public static void EnsureStorable(string field, int bytes)
    {
        if (bytes > ConversationLimits.MaxTurnBytes)
        {
            throw new ConversationTurnTooLargeException(field, bytes, ConversationLimits.MaxTurnBytes);
        }
    }
}
