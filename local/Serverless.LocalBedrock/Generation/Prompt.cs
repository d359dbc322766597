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

    /// <summary>The raw JSON text of a value, for tool inputs and results that count as tokens.</summary>
    internal static string RawText(JsonElement element) => element.GetRawText();
}
