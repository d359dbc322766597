using System.Text.Json;

namespace Serverless.Bedrock.Model;

/// <summary>A tool call the model asks for; <see cref="Input"/> is a free-form JSON document.</summary>
public sealed class ToolUseBlock
{
    public string ToolUseId { get; set; } = "";

    public string Name { get; set; } = "";

    public JsonElement Input { get; set; }

    /// <summary>server_tool_use for tools the service runs itself.</summary>
    public string? Type { get; set; }
}

public sealed class ToolResultBlock
{
    public string ToolUseId { get; set; } = "";

    public List<ToolResultContentBlock> Content { get; set; } = [];

    /// <summary>success or error.</summary>
    public string? Status { get; set; }

    public string? Type { get; set; }
}

/// <summary>Union: one of JSON, text, image, document, video or a search result.</summary>
public sealed class ToolResultContentBlock
{
    public JsonElement? Json { get; set; }

    public string? Text { get; set; }

    public ImageBlock? Image { get; set; }

    public DocumentBlock? Document { get; set; }

    public VideoBlock? Video { get; set; }

    public SearchResultBlock? SearchResult { get; set; }
}

public sealed class ToolAdditionBlock
{
    public ToolReference Tool { get; set; } = new();
}

public sealed class ToolRemovalBlock
{
    public ToolReference Tool { get; set; } = new();
}

public sealed class ToolReference
{
    public string? Type { get; set; }

    public string? Name { get; set; }

    public string? ServerName { get; set; }
}
