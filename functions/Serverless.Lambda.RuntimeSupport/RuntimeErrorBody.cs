using System.Text.Json.Serialization;

namespace Serverless.Lambda.RuntimeSupport;

/// <summary>The Runtime API's documented error document, posted to /error and /init/error and base64-encoded in the streaming error trailer.</summary>
public sealed class RuntimeErrorBody
{
    [JsonPropertyName("errorMessage")]
    public required string ErrorMessage { get; init; }

    [JsonPropertyName("errorType")]
    public required string ErrorType { get; init; }

    [JsonPropertyName("stackTrace")]
    public IReadOnlyList<string> StackTrace { get; init; } = [];
}
