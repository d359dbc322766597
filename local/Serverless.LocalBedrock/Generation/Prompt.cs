using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Serverless.LocalBedrock.Tokens;

namespace Serverless.LocalBedrock.Generation;

/// <summary>One message of a conversation, reduced to what generation and token counting look at.</summary>
public sealed record PromptMessage(string Role, IReadOnlyList<string> Texts);

/// <summary>
/// A request reduced to a format-neutral conversation. Every body format (Converse, Anthropic, Nova, Titan,
/// Llama) normalises into this, so the same conversation counts the same tokens whatever the wire format.
/// </summary>
public sealed class Prompt
{
    /// <summary>Tokens charged per message for its role and framing.</summary>
    public const int MessageOverheadTokens = 3;

    public required IReadOnlyList<string> System { get; init; }

    public required IReadOnlyList<PromptMessage> Messages { get; init; }

    /// <summary>Tool definitions (their JSON text), counted as input.</summary>
    public IReadOnlyList<string> ToolDefinitions { get; init; } = [];

    /// <summary>Text of the last user message: what echo mode returns and scripted mode matches.</summary>
    public string LastUserText
    {
        get
        {
            for (var i = Messages.Count - 1; i >= 0; i--)
            {
                if (Messages[i].Role == "user")
                {
                    return string.Join("\n", Messages[i].Texts);
                }
            }

            return "";
        }
    }

    public int CountInputTokens()
    {
        var total = 0;
        foreach (var text in System)
        {
            total += Tokenizer.Count(text);
        }

        foreach (var message in Messages)
        {
            total += MessageOverheadTokens;
            foreach (var text in message.Texts)
            {
                total += Tokenizer.Count(text);
            }
        }

        foreach (var tool in ToolDefinitions)
        {
            total += Tokenizer.Count(tool);
        }

        return total;
    }

    /// <summary>A stable text of the whole conversation, the seed of generated content.</summary>
    public string Fingerprint()
    {
        var parts = new List<string>();
        parts.AddRange(System.Select(s => "system:" + s));
        parts.AddRange(Messages.Select(m => m.Role + ":" + string.Join("\u001f", m.Texts)));
        parts.AddRange(ToolDefinitions);
        return string.Join("\u001e", parts);
    }

    /// <summary>
    /// The JSON text of a value (tool definitions, tool inputs and results) as it counts as tokens and seeds the answer:
    /// compact, object members in ordinal order. Not the raw wire text: clients order members differently (the JS SDK
    /// writes a toolSpec's members alphabetically, AWSSDK.Core-based clients in shape order) and Bedrock answers the
    /// same request the same whichever client sent it.
    /// </summary>
    internal static string RawText(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteCanonical(writer, element);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var member in element.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(member.Name);
                    WriteCanonical(writer, member.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
