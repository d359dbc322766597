using System.Text.Json.Serialization;

namespace Serverless.Lambda.RuntimeSupport;

/// <summary>The error document the Runtime API itself answers with on 4xx/5xx (both members optional: read leniently).</summary>
internal sealed class RuntimeApiErrorDocument
{
    [JsonPropertyName("errorMessage")]
    public string? ErrorMessage { get; init; }

    [JsonPropertyName("errorType")]
    public string? ErrorType { get; init; }
}
