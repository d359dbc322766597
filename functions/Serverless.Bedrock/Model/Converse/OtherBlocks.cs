namespace Serverless.Bedrock.Model;

/// <summary>Union: text or image content a guardrail evaluates.</summary>
public sealed class GuardrailConverseContentBlock
{
    public GuardrailConverseTextBlock? Text { get; set; }

    public GuardrailConverseImageBlock? Image { get; set; }
}

public sealed class GuardrailConverseTextBlock
{
    public string Text { get; set; } = "";

    /// <summary>grounding_source, query or guard_content.</summary>
    public List<string>? Qualifiers { get; set; }
}

public sealed class GuardrailConverseImageBlock
{
    public string Format { get; set; } = "";

    public GuardrailConverseImageSource Source { get; set; } = new();
}

public sealed class GuardrailConverseImageSource
{
    public byte[]? Bytes { get; set; }
}

public sealed class CachePointBlock
{
    /// <summary>Only <c>default</c> exists.</summary>
    public string Type { get; set; } = "default";

    /// <summary>5m or 1h.</summary>
    public string? Ttl { get; set; }
}

/// <summary>Union: readable reasoning text or an opaque redacted blob.</summary>
public sealed class ReasoningContentBlock
{
    public ReasoningTextBlock? ReasoningText { get; set; }

    public byte[]? RedactedContent { get; set; }
}

public sealed class ReasoningTextBlock
{
    public string Text { get; set; } = "";

    public string? Signature { get; set; }
}
