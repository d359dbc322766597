using System.Text.Json;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Generation;
using static Serverless.LocalBedrock.Formats.JsonFields;

namespace Serverless.LocalBedrock.Formats;

/// <summary>
/// Amazon Nova understanding models: request {schemaVersion?, messages, system, inferenceConfig{maxTokens, ...},
/// toolConfig?}; response {output.message, stopReason, usage}; stream chunks messageStart, contentBlockDelta*,
/// contentBlockStop, messageStop, metadata. Nova's messages are Converse-shaped, so the Converse reader validates them.
/// </summary>
internal sealed class NovaFormat : IModelBodyFormat
{
    public InvocationRequest Parse(JsonElement body, ModelSettings model)
    {
        RequireObject(body, "");
        var schemaVersion = OptionalString(body, "schemaVersion", "");
        if (schemaVersion is not (null or "messages-v1"))
        {
            throw new RequestValidationException("schemaVersion: Input should be 'messages-v1'");
        }

        var prompt = ConverseRequestReader.ReadPrompt(body, "", requireMessages: true);
        int? maxTokens = null;
        var stopSequences = new List<string>();
        if (OptionalObject(body, "inferenceConfig", "") is { } inference)
        {
            maxTokens = OptionalInt(inference, "maxTokens", "inferenceConfig", min: 1) ?? OptionalInt(inference, "max_new_tokens", "inferenceConfig", min: 1);
            OptionalNumber(inference, "temperature", "inferenceConfig", 0, 1);
            OptionalNumber(inference, "topP", "inferenceConfig", 0, 1);
            OptionalInt(inference, "topK", "inferenceConfig", min: 0);
            stopSequences = OptionalStringList(inference, "stopSequences", "inferenceConfig");
        }

        var effective = OutputLimits.Effective(maxTokens, model, "inferenceConfig.maxTokens");
        OutputLimits.CheckContext(prompt.CountInputTokens(), effective, model);
        return new InvocationRequest { Prompt = prompt, MaxTokens = effective, StopSequences = stopSequences };
    }

    public byte[] Response(GenerationResult result, FormatContext context) => FormatJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject("output");
        writer.WriteStartObject("message");
        writer.WriteStartArray("content");
        writer.WriteStartObject();
        writer.WriteString("text", result.Text);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteString("role", "assistant");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteString("stopReason", result.StopReason);
        writer.WriteStartObject("usage");
        writer.WriteNumber("inputTokens", result.InputTokens);
        writer.WriteNumber("outputTokens", result.OutputTokens);
        writer.WriteNumber("totalTokens", result.InputTokens + result.OutputTokens);
        writer.WriteNumber("cacheReadInputTokenCount", 0);
        writer.WriteNumber("cacheWriteInputTokenCount", 0);
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    public IEnumerable<NativeChunk> Chunks(GenerationResult result, FormatContext context)
    {
        yield return new NativeChunk(FormatJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("messageStart");
            writer.WriteString("role", "assistant");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }), 0);

        foreach (var (text, tokens) in FormatJson.Deltas(result.Text, context.Random))
        {
            yield return new NativeChunk(FormatJson.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartObject("contentBlockDelta");
                writer.WriteStartObject("delta");
                writer.WriteString("text", text);
                writer.WriteEndObject();
                writer.WriteNumber("contentBlockIndex", 0);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }), tokens);
        }

        yield return new NativeChunk(FormatJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("contentBlockStop");
            writer.WriteNumber("contentBlockIndex", 0);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }), 0);

        yield return new NativeChunk(FormatJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("messageStop");
            writer.WriteString("stopReason", result.StopReason);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }), 0);

        yield return new NativeChunk(FormatJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("metadata");
            writer.WriteStartObject("usage");
            writer.WriteNumber("inputTokens", result.InputTokens);
            writer.WriteNumber("outputTokens", result.OutputTokens);
            writer.WriteEndObject();
            writer.WriteStartObject("metrics");
            writer.WriteEndObject();
            writer.WriteStartObject("trace");
            writer.WriteEndObject();
            writer.WriteEndObject();
            context.Metrics().Write(writer);
            writer.WriteEndObject();
        }), 0);
    }
}
