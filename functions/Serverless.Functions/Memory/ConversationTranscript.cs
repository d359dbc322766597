using System.Text;
using Serverless.Bedrock.Model;
using Serverless.Conversations;

namespace Serverless.Functions.Memory;

/// <summary>
/// Dropped turns as the plain-text transcript a summary call reads. A transcript and not the turns themselves: tool
/// calls, tool results and attachments would need the original tool configuration and would cost image and document
/// tokens, while their gist fits in a line. Bounded: the newest turns are kept when the whole would pass
/// <c>maxCharacters</c>, because they are the ones the conversation continues from.
/// </summary>
internal static class ConversationTranscript
{
    public static string Render(IReadOnlyList<ConversationTurn> turns, int maxCharacters)
    {
        var rendered = new List<string>(turns.Count);
        var total = 0;
        for (var i = turns.Count - 1; i >= 0 && total < maxCharacters; i--)
        {
            var turn = Render(turns[i]);
            rendered.Add(turn);
            total += turn.Length;
        }

        rendered.Reverse();
        var text = string.Concat(rendered);
        return text.Length <= maxCharacters ? text : "[…]" + text[^(maxCharacters - 3)..];
    }

    private static string Render(ConversationTurn turn)
    {
        var text = new StringBuilder();
        foreach (var message in turn.Messages)
        {
            text.Append(message.Role == ConversationRole.Assistant ? "Assistant: " : "User: ");
            var first = true;
            foreach (var block in message.Content)
            {
                if (Describe(block) is { Length: > 0 } part)
                {
                    text.Append(first ? string.Empty : " ").Append(part);
                    first = false;
                }
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string? Describe(ContentBlock block) => block switch
    {
        { Text: { } text } => text,
        { ToolUse: { } use } => $"[calls tool {use.Name} with {use.Input.GetRawText()}]",
        { ToolResult: { } result } => "[tool result" + (result.Status == "error" ? " (error)" : string.Empty) + ": "
            + string.Join(" ", result.Content.Select(c => c.Text ?? (c.Json is { } json ? json.GetRawText() : c.Document is { } d ? $"document {d.Name}" : "attachment"))) + "]",
        { Image: not null } => "[image]",
        { Document: { } document } => $"[document {document.Name}]",
        { Video: not null } => "[video]",
        { Audio: not null } => "[audio]",
        // Reasoning, cache points and guard markers say nothing a summary needs.
        _ => null,
    };
}
