namespace Serverless.Functions.Configuration;

/// <summary>What the functions need to know about one model beyond its quota.</summary>
public sealed class ModelCapabilities
{
    /// <summary>maxTokens reserved (and, for Converse, sent) when a request names none; null for the configuration's default.</summary>
    public int? DefaultMaxTokens { get; set; }

    /// <summary>How the structured function gets JSON out of this model.</summary>
    public StructuredOutputMode StructuredOutput { get; set; } = StructuredOutputMode.ToolUse;

    /// <summary>Count input tokens exactly with Bedrock's CountTokens before reserving (a call more per request).</summary>
    public bool CountTokens { get; set; }
}

/// <summary>How a model is made to answer with JSON that fits a schema.</summary>
public enum StructuredOutputMode
{
    /// <summary>Converse <c>outputConfig.textFormat</c> json_schema (the model supports native structured output).</summary>
    Native,

    /// <summary>A single tool whose input schema is the caller's schema, with the tool forced.</summary>
    ToolUse,

    /// <summary>The model supports neither; the structured function refuses it with 400.</summary>
    Unsupported,
}
