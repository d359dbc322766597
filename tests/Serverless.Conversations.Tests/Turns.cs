using System.Text.Json;
using Serverless.Bedrock.Json;
using Serverless.Bedrock.Model;

namespace Serverless.Conversations.Tests;

/// <summary>Messages and turns for tests.</summary>
internal static class Turns
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Message User(string text) => new() { Role = ConversationRole.User, Content = [ContentBlock.FromText(text)] };

    public static Message Assistant(string text) => new() { Role = ConversationRole.Assistant, Content = [ContentBlock.FromText(text)] };

    public static ConversationTurn Turn(string user, string assistant, DateTimeOffset? at = null, TurnUsage? usage = null)
        => new([User(user), Assistant(assistant)], at ?? Start, usage);

    /// <summary>An assistant message asking for a tool, and the user message answering it.</summary>
    public static Message ToolCall(string id) => new()
    {
        Role = ConversationRole.Assistant,
        Content = [new ContentBlock { ToolUse = new ToolUseBlock { ToolUseId = id, Name = "lookup", Input = JsonDocument.Parse("""{"q":"x"}""").RootElement.Clone() } }],
    };

    public static Message ToolAnswer(string id) => new()
    {
        Role = ConversationRole.User,
        Content = [new ContentBlock { ToolResult = new ToolResultBlock { ToolUseId = id, Content = [new ToolResultContentBlock { Text = "42" }] } }],
    };

    /// <summary>Messages as Bedrock JSON, to compare what was stored with what was given.</summary>
    public static string Json(IEnumerable<Message> messages)
        => JsonSerializer.Serialize(messages.ToList(), BedrockJsonContext.Default.ListMessage);

    public static string Text(Message message) => string.Concat(message.Content.Select(c => c.Text));
}
