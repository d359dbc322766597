using System.Text.Json;

namespace Serverless.Batch.OnDemand;

/// <summary>
/// What the ledger needs from a native request and response body: the output limit a request asks for, and the
/// tokens a response reports (Anthropic, Nova/Converse, Titan and Llama shapes).
/// </summary>
internal static class ModelBodyFacts
{
    public static int? MaxTokens(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            return Int(root, "max_tokens") ?? Int(root, "max_gen_len")
                ?? (root.TryGetProperty("inferenceConfig", out var config) ? Int(config, "maxTokens") ?? Int(config, "max_new_tokens") : null)
                ?? (root.TryGetProperty("textGenerationConfig", out var titan) ? Int(titan, "maxTokenCount") : null);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static (long Input, long Output) Usage(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (0, 0);
            }

            if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                return (Int(usage, "input_tokens") ?? Int(usage, "inputTokens") ?? 0, Int(usage, "output_tokens") ?? Int(usage, "outputTokens") ?? 0);
            }

            if (Int(root, "prompt_token_count") is { } prompt)
            {
                return (prompt, Int(root, "generation_token_count") ?? 0);
            }

            if (Int(root, "inputTextTokenCount") is { } titanInput)
            {
                long output = 0;
                if (root.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array)
                {
                    foreach (var result in results.EnumerateArray())
                    {
                        output += Int(result, "tokenCount") ?? 0;
                    }
                }

                return (titanInput, output);
            }

            return (0, 0);
        }
        catch (JsonException)
        {
            return (0, 0);
        }
    }

    private static int? Int(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.TryGetInt32(out var n) ? n : null;
}
