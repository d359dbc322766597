namespace Serverless.Bedrock.Model;

/// <summary>Union: a system prompt text, guard content or a cache point.</summary>
public sealed class SystemContentBlock
{
    public string? Text { get; set; }

    public GuardrailConverseContentBlock? GuardContent { get; set; }

    public CachePointBlock? CachePoint { get; set; }
}
