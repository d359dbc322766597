using Serverless.Bedrock.Http;

namespace Serverless.Bedrock.Model;

/// <summary>
/// Input of InvokeModel: <c>POST /model/{modelId}/invoke</c>. The body is the model's native request,
/// sent as is; every other member travels in a header.
/// </summary>
public sealed class InvokeModelRequest : IHttpBoundRequest
{
    public string ModelId { get; set; } = "";

    /// <summary>The raw request payload (at most 25,000,000 bytes).</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>Content-Type of <see cref="Body"/>; application/json when unset.</summary>
    public string? ContentType { get; set; }

    /// <summary>Accept: the wanted content type of the response body.</summary>
    public string? Accept { get; set; }

    /// <summary>ENABLED, DISABLED or ENABLED_FULL.</summary>
    public string? Trace { get; set; }

    public string? GuardrailIdentifier { get; set; }

    public string? GuardrailVersion { get; set; }

    /// <summary>standard or optimized.</summary>
    public string? PerformanceConfigLatency { get; set; }

    /// <summary>priority, default, flex or reserved.</summary>
    public string? ServiceTier { get; set; }

    /// <summary>A JSON object string of request metadata (header X-Amzn-Bedrock-Request-Metadata).</summary>
    public string? RequestMetadata { get; set; }

    string? IHttpBoundRequest.GetBoundValue(string member) => InvokeModelBindings.Get(member, ModelId, ContentType,
        Accept, Trace, GuardrailIdentifier, GuardrailVersion, PerformanceConfigLatency, ServiceTier, RequestMetadata);
}

public sealed class InvokeModelResponse
{
    public ReadOnlyMemory<byte> Body { get; set; }

    public string ContentType { get; set; } = "";

    public string? PerformanceConfigLatency { get; set; }

    public string? ServiceTier { get; set; }

    /// <summary>X-Amzn-Bedrock-Input-Token-Count: the input tokens the call was charged; null when the header is absent.</summary>
    public int? InputTokenCount { get; set; }

    /// <summary>X-Amzn-Bedrock-Output-Token-Count: the output tokens the call was charged; null when the header is absent.</summary>
    public int? OutputTokenCount { get; set; }
}
