using System.Text.Json;
using Serverless.Quota;

namespace Serverless.Functions.Handlers.Invoke;

/// <summary>
/// Bedrock appends <c>amazon-bedrock-invocationMetrics {inputTokenCount, outputTokenCount, ...}</c> to the last chunk of
/// every InvokeModelWithResponseStream response, whatever the model family: the stream's usage for settlement.
/// </summary>
internal static class InvocationMetrics
{
    public static bool TryRead(ReadOnlySpan<byte> chunk, out ActualUsage usage)
    {
        usage = default;
        // Most chunks are deltas; only parse the one that carries the metrics.
        if (chunk.IndexOf("amazon-bedrock-invocationMetrics"u8) < 0)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(chunk);
            using var document = JsonDocument.ParseValue(ref reader);
            if (!document.RootElement.TryGetProperty("amazon-bedrock-invocationMetrics", out var metrics)
                || !metrics.TryGetProperty("inputTokenCount", out var input) || !input.TryGetInt64(out var inputTokens)
                || !metrics.TryGetProperty("outputTokenCount", out var output) || !output.TryGetInt64(out var outputTokens))
            {
                return false;
            }

            usage = new ActualUsage(inputTokens, outputTokens);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
