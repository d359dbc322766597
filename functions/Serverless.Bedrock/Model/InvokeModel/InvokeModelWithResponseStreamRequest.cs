using Serverless.Bedrock.Http;

namespace Serverless.Bedrock.Model;

/// <summary>
/// Input of InvokeModelWithResponseStream: <c>POST /model/{modelId}/invoke-with-response-stream</c>.
/// Same members as <see cref="InvokeModelRequest"/>, but Accept travels as X-Amzn-Bedrock-Accept.
/// </summary>
public sealed class InvokeModelWithResponseStreamRequest : IHttpBoundRequest
{
    public string ModelId { get; set; } = "";

    public ReadOnlyMemory<byte> Body { get; set; }

    public string? ContentType { get; set; }

    public string? Accept { get; set; }

    public string? Trace { get; set; }

    public string? GuardrailIdentifier { get; set; }

    public string? GuardrailVersion { get; set; }

    public string? PerformanceConfigLatency { get; set; }

    public string? ServiceTier { get; set; }

    public string? RequestMetadata { get; set; }

    string? IHttpBoundRequest.GetBoundValue(string member) => InvokeModelBindings.Get(member, ModelId, ContentType,
        Accept, Trace, GuardrailIdentifier, GuardrailVersion, PerformanceConfigLatency, ServiceTier, RequestMetadata);
}

/// <summary>A <c>chunk</c> event: one piece of the model's native streaming response.</summary>
public sealed class PayloadPart
{
    /// <summary>The decoded bytes (base64 on the wire); for most models a JSON document.</summary>
    public byte[]? Bytes { get; set; }
}
