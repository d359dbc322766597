using System.Text.Json.Serialization;

namespace Serverless.Functions.Lambda;

/// <summary>What ping answers: enough to tell, after a deploy, which build of which function runs.</summary>
internal sealed class PingReply
{
    [JsonPropertyName("ok")]
    public bool Ok => true;

    [JsonPropertyName("function")]
    public required string Function { get; init; }

    [JsonPropertyName("functionName")]
    public required string FunctionName { get; init; }

    [JsonPropertyName("requestId")]
    public required string RequestId { get; init; }

    [JsonPropertyName("runtime")]
    public required string Runtime { get; init; }

    [JsonPropertyName("nativeAot")]
    public required bool NativeAot { get; init; }
}
