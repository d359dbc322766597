using System.Text.Json;
using Serverless.Functions.Errors;

namespace Serverless.Functions.Gating;

/// <summary>
/// The output limit of a model-native InvokeModel body, in whichever member the model family uses: Anthropic
/// <c>max_tokens</c>, Nova <c>inferenceConfig.max_new_tokens</c> (or <c>maxTokens</c>), Titan
/// <c>textGenerationConfig.maxTokenCount</c>, Llama <c>max_gen_len</c>. Null when the body names none.
/// </summary>
internal static class MaxTokens
{
    public static int? FromNativeBody(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return Read(body, "max_tokens", "max_tokens")
               ?? Read(body, "max_gen_len", "max_gen_len")
               ?? Nested(body, "inferenceConfig", "max_new_tokens")
               ?? Nested(body, "inferenceConfig", "maxTokens")
               ?? Nested(body, "textGenerationConfig", "maxTokenCount");
    }

    private static int? Nested(JsonElement body, string parent, string name)
        => body.TryGetProperty(parent, out var config) && config.ValueKind == JsonValueKind.Object ? Read(config, name, $"{parent}.{name}") : null;

    private static int? Read(JsonElement parent, string name, string field)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw FunctionException.BadRequest(field, "must be a whole number");
        }

        if (number < 1)
        {
            throw FunctionException.BadRequest(field, $"must be at least 1 (was {number})");
        }

        return number;
    }
}
