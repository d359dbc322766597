using System.Text.Json;
using System.Text.Json.Serialization;
using Serverless.Bedrock.Http;

namespace Serverless.Bedrock.Model;

/// <summary>Input of CountTokens: <c>POST /model/{modelId}/count-tokens</c>.</summary>
public sealed class CountTokensRequest : IHttpBoundRequest
{
    /// <summary>A foundation model id (1-256 characters of [a-zA-Z_.-/0-9:]).</summary>
    [JsonIgnore]
    public string ModelId { get; set; } = "";

    public CountTokensInput Input { get; set; } = new();

    string? IHttpBoundRequest.GetBoundValue(string member) => member == "modelId" ? ModelId : null;
}

/// <summary>Union: count the tokens of an InvokeModel body or of a Converse input.</summary>
public sealed class CountTokensInput
{
    public InvokeModelTokensRequest? InvokeModel { get; set; }

    public ConverseTokensRequest? Converse { get; set; }
}

public sealed class InvokeModelTokensRequest
{
    public byte[] Body { get; set; } = [];
}

public sealed class ConverseTokensRequest
{
    public List<Message>? Messages { get; set; }

    public List<SystemContentBlock>? System { get; set; }

    public ToolConfiguration? ToolConfig { get; set; }

    public JsonElement? AdditionalModelRequestFields { get; set; }
}

public sealed class CountTokensResponse
{
    public int InputTokens { get; set; }
}
