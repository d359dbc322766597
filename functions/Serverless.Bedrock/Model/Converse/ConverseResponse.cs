using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Bedrock.Model;

public sealed class ConverseResponse
{
    public ConverseOutput Output { get; set; } = new();

    /// <summary>end_turn, tool_use, max_tokens, stop_sequence, guardrail_intervened, content_filtered, ...</summary>
    public string StopReason { get; set; } = "";

    public TokenUsage Usage { get; set; } = new();

    public ConverseMetrics Metrics { get; set; } = new();

    public JsonElement? AdditionalModelResponseFields { get; set; }

    public ConverseTrace? Trace { get; set; }

    public PerformanceConfiguration? PerformanceConfig { get; set; }

    public ServiceTier? ServiceTier { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>Union with one member today: the reply message.</summary>
public sealed class ConverseOutput
{
    public Message? Message { get; set; }
}

public sealed class TokenUsage
{
    public int InputTokens { get; set; }

    public int OutputTokens { get; set; }

    public int TotalTokens { get; set; }

    public int? CacheReadInputTokens { get; set; }

    public int? CacheWriteInputTokens { get; set; }

    public List<CacheDetail>? CacheDetails { get; set; }

    /// <summary>Counters newer than our model snapshot (e.g. serverToolUsage) are kept, not dropped.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

public sealed class CacheDetail
{
    public string Ttl { get; set; } = "";

    public int InputTokens { get; set; }
}

public sealed class ConverseMetrics
{
    public long LatencyMs { get; set; }
}

public sealed class ConverseTrace
{
    /// <summary>
    /// The guardrail assessment (shape GuardrailTraceAssessment, ~60 nested shapes) is kept as raw JSON:
    /// nothing here reads it and it still round-trips exactly.
    /// </summary>
    public JsonElement? Guardrail { get; set; }

    public PromptRouterTrace? PromptRouter { get; set; }
}

public sealed class PromptRouterTrace
{
    public string? InvokedModelId { get; set; }
}
