using System.Text.Json;
using Serverless.Bedrock.Model;

namespace Serverless.Conversations.Memory;

/// <summary>
/// The text length a message costs in the token estimate (the estimator turns characters into tokens). Text counts
/// itself; tool inputs and JSON results count their JSON text. Binary media cannot be counted by length (a 1 MB image
/// is not 1.3 M characters of base64 to the model): an image costs <see cref="ImageCharacters"/>, about Anthropic's
/// 1,600-token image cap at 4 characters a token; audio and video a flat <see cref="TimedMediaCharacters"/>; a binary
/// document half its bytes (PDF text and layout run around a token per 3–4 bytes, so this errs high).
/// </summary>
internal static class MessageCharacters
{
    public const long ImageCharacters = 6_400;

    public const long TimedMediaCharacters = 32_000;

    public static long Count(IEnumerable<Message> messages) => messages.Sum(Count);

    public static long Count(Message message) => message.Content.Sum(Count);

    private static long Count(ContentBlock block)
    {
        if (block.Text is { } text)
        {
            return text.Length;
        }

        if (block.ToolUse is { } toolUse)
        {
            return toolUse.Name.Length + Json(toolUse.Input);
        }

        if (block.ToolResult is { } toolResult)
        {
            return toolResult.Content.Sum(Count);
        }

        if (block.ReasoningContent is { } reasoning)
        {
            return JsonSerializer.SerializeToUtf8Bytes(reasoning, Bedrock.Json.BedrockJsonContext.Default.ReasoningContentBlock).Length;
        }

        return block switch
        {
            { Image: not null } => ImageCharacters,
            { Video: not null } or { Audio: not null } => TimedMediaCharacters,
            { Document: { } document } => Count(document),
            { SearchResult: { } result } => Count(result),
            { CitationsContent: { } citations } => JsonSerializer.SerializeToUtf8Bytes(citations, Bedrock.Json.BedrockJsonContext.Default.CitationsContentBlock).Length,
            { GuardContent: { } guard } => JsonSerializer.SerializeToUtf8Bytes(guard, Bedrock.Json.BedrockJsonContext.Default.GuardrailConverseContentBlock).Length,
            _ => 0,
        };
    }

    private static long Count(ToolResultContentBlock block) => block switch
    {
        { Text: { } text } => text.Length,
        { Json: { } json } => Json(json),
        { Image: not null } => ImageCharacters,
        { Video: not null } => TimedMediaCharacters,
        { Document: { } document } => Count(document),
        { SearchResult: { } result } => Count(result),
        _ => 0,
    };

    private static long Count(DocumentBlock document)
    {
        var source = document.Source;
        var body = source switch
        {
            { Text: { } text } => text.Length,
            { Content: { } content } => content.Sum(c => (long)(c.Text?.Length ?? 0)),
            { Bytes: { } bytes } => bytes.Length / 2,
            _ => TimedMediaCharacters,
        };
        return document.Name.Length + (document.Context?.Length ?? 0) + body;
    }

    private static long Count(SearchResultBlock result)
        => result.Source.Length + result.Title.Length + result.Content.Sum(c => (long)c.Text.Length);

    private static long Json(JsonElement element)
        => element.ValueKind == JsonValueKind.Undefined ? 0 : element.GetRawText().Length;
}
