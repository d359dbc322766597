using System.Text.Json;
using System.Text.Json.Serialization;
using Serverless.Bedrock.Http;

namespace Serverless.Bedrock.Model;

/// <summary>Input of ConverseStream: <c>POST /model/{modelId}/converse-stream</c>. Same members as Converse.</summary>
public sealed class ConverseStreamRequest : IHttpBoundRequest
{
    [JsonIgnore]
    public string ModelId { get; set; } = "";

    public List<Message>? Messages { get; set; }

    public List<SystemContentBlock>? System { get; set; }

    public InferenceConfiguration? InferenceConfig { get; set; }

    public ToolConfiguration? ToolConfig { get; set; }

    public GuardrailStreamConfiguration? GuardrailConfig { get; set; }

    public JsonElement? AdditionalModelRequestFields { get; set; }

    public Dictionary<string, PromptVariableValues>? PromptVariables { get; set; }

    public List<string>? AdditionalModelResponseFieldPaths { get; set; }

    public Dictionary<string, string>? RequestMetadata { get; set; }

    public PerformanceConfiguration? PerformanceConfig { get; set; }

    public ServiceTier? ServiceTier { get; set; }

    public OutputConfig? OutputConfig { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    string? IHttpBoundRequest.GetBoundValue(string member) => member == "modelId" ? ModelId : null;
}
