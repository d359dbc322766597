using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Bedrock.Model;

/// <summary>
/// A union: exactly one member is set (botocore shape <c>ContentBlock</c>). Unknown members from newer
/// services are kept in <see cref="AdditionalProperties"/> so a response relayed through us round-trips.
/// </summary>
public sealed class ContentBlock
{
    public string? Text { get; set; }

    public ImageBlock? Image { get; set; }

    public DocumentBlock? Document { get; set; }

    public VideoBlock? Video { get; set; }

    public AudioBlock? Audio { get; set; }

    public ToolUseBlock? ToolUse { get; set; }

    public ToolResultBlock? ToolResult { get; set; }

    public GuardrailConverseContentBlock? GuardContent { get; set; }

    public CachePointBlock? CachePoint { get; set; }

    public ReasoningContentBlock? ReasoningContent { get; set; }

    public CitationsContentBlock? CitationsContent { get; set; }

    public SearchResultBlock? SearchResult { get; set; }

    public ToolAdditionBlock? ToolAddition { get; set; }

    public ToolRemovalBlock? ToolRemoval { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    public static ContentBlock FromText(string text) => new() { Text = text };
}
