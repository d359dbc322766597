using System.Text.Json;

namespace Serverless.Bedrock.Model;

public sealed class MessageStartEvent
{
    public string Role { get; set; } = "";
}

public sealed class ContentBlockStartEvent
{
    public ContentBlockStart Start { get; set; } = new();

    public int ContentBlockIndex { get; set; }
}

/// <summary>Union: what kind of block starts.</summary>
public sealed class ContentBlockStart
{
    public ToolUseBlockStart? ToolUse { get; set; }

    public ToolResultBlockStart? ToolResult { get; set; }

    public ImageBlockStart? Image { get; set; }
}

public sealed class ToolUseBlockStart
{
    public string ToolUseId { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Type { get; set; }
}

public sealed class ToolResultBlockStart
{
    public string ToolUseId { get; set; } = "";

    public string? Type { get; set; }

    public string? Status { get; set; }
}

public sealed class ImageBlockStart
{
    public string Format { get; set; } = "";
}

public sealed class ContentBlockDeltaEvent
{
    public ContentBlockDelta Delta { get; set; } = new();

    public int ContentBlockIndex { get; set; }
}

/// <summary>Union: the piece of content that arrived.</summary>
public sealed class ContentBlockDelta
{
    public string? Text { get; set; }

    public ToolUseBlockDelta? ToolUse { get; set; }

    public List<ToolResultBlockDelta>? ToolResult { get; set; }

    public ReasoningContentBlockDelta? ReasoningContent { get; set; }

    public CitationsDelta? Citation { get; set; }

    public ImageBlockDelta? Image { get; set; }
}

public sealed class ToolUseBlockDelta
{
    /// <summary>A fragment of the tool input JSON text; concatenate the fragments of a block.</summary>
    public string Input { get; set; } = "";
}

public sealed class ToolResultBlockDelta
{
    public string? Text { get; set; }

    public JsonElement? Json { get; set; }
}

public sealed class ReasoningContentBlockDelta
{
    public string? Text { get; set; }

    public byte[]? RedactedContent { get; set; }

    public string? Signature { get; set; }
}

public sealed class CitationsDelta
{
    public string? Title { get; set; }

    public string? Source { get; set; }

    public List<CitationSourceContentDelta>? SourceContent { get; set; }

    public CitationLocation? Location { get; set; }
}

public sealed class CitationSourceContentDelta
{
    public string? Text { get; set; }
}

public sealed class ImageBlockDelta
{
    public ImageSource? Source { get; set; }

    public ErrorBlock? Error { get; set; }
}

public sealed class ContentBlockStopEvent
{
    public int ContentBlockIndex { get; set; }
}

public sealed class MessageStopEvent
{
    public string StopReason { get; set; } = "";

    public JsonElement? AdditionalModelResponseFields { get; set; }
}

public sealed class ConverseStreamMetadataEvent
{
    public TokenUsage Usage { get; set; } = new();

    public ConverseStreamMetrics Metrics { get; set; } = new();

    public ConverseStreamTrace? Trace { get; set; }

    public PerformanceConfiguration? PerformanceConfig { get; set; }

    public ServiceTier? ServiceTier { get; set; }
}

public sealed class ConverseStreamMetrics
{
    public long LatencyMs { get; set; }
}

public sealed class ConverseStreamTrace
{
    /// <summary>Kept as raw JSON, like <see cref="ConverseTrace.Guardrail"/>.</summary>
    public JsonElement? Guardrail { get; set; }

    public PromptRouterTrace? PromptRouter { get; set; }
}
