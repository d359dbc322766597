using System.Text.Json;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Generation;
using static Serverless.LocalBedrock.Formats.JsonFields;

namespace Serverless.LocalBedrock.Formats;

/// <summary>
/// Amazon Titan Text: request {inputText, textGenerationConfig{maxTokenCount, temperature, topP, stopSequences}};
/// response {inputTextTokenCount, results[{tokenCount, outputText, completionReason}]}; stream chunks
/// {outputText, index, totalOutputTextTokenCount, completionReason, inputTextTokenCount}.
/// </summary>
internal sealed class TitanTextFormat : IModelBodyFormat
{
    public InvocationRequest Parse(JsonElement body, ModelSettings model)
    {
        RequireObject(body, "");
        var inputText = RequiredNonEmptyString(body, "inputText", "");

        int? maxTokens = null;
        var stopSequences = new List<string>();
        if (OptionalObject(body, "textGenerationConfig", "") is { } config)
        {
            const string path = "textGenerationConfig";
            maxTokens = OptionalInt(config, "maxTokenCount", path, min: 1);
            OptionalNumber(config, "temperature", path, 0, 1);
            OptionalNumber(config, "topP", path, 0, 1);
            stopSequences = OptionalStringList(config, "stopSequences", path);
        }

        var prompt = new Prompt { System = [], Messages = [new PromptMessage("user", [inputText])] };
        var effective = OutputLimits.Effective(maxTokens, model, "textGenerationConfig.maxTokenCount");
        OutputLimits.CheckContext(prompt.CountInputTokens(), effective, model);
        return new InvocationRequest { Prompt = prompt, MaxTokens = effective, StopSequences = stopSequences };
    }

    private static string CompletionReason(GenerationResult result) => result.StopReason switch
    {
        "max_tokens" => "LENGTH",
        "stop_sequence" => "STOP_CRITERIA_MET",
        _ => "FINISH",
    };

    public byte[] Response(GenerationResult result, FormatContext context) => FormatJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteNumber("inputTextTokenCount", result.InputTokens);
        writer.WriteStartArray("results");
        writer.WriteStartObject();
        writer.WriteNumber("tokenCount", result.OutputTokens);
        writer.WriteString("outputText", result.Text);
        writer.WriteString("completionReason", CompletionReason(result));
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    public IEnumerable<NativeChunk> Chunks(GenerationResult result, FormatContext context)
    {
        var deltas = FormatJson.Deltas(result.Text, context.Random);
        if (deltas.Count == 0)
        {
            deltas.Add(("", 0));
        }

        var total = 0;
        for (var i = 0; i < deltas.Count; i++)
        {
            var (text, tokens) = deltas[i];
            total += tokens;
            var last = i == deltas.Count - 1;
            var first = i == 0;
            var soFar = total;
            yield return new NativeChunk(FormatJson.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("outputText", text);
                writer.WriteNumber("index", 0);
                writer.WriteNumber("totalOutputTextTokenCount", soFar);
                if (last)
                {
                    writer.WriteString("completionReason", CompletionReason(result));
                }
                else
                {
                    writer.WriteNull("completionReason");
                }

                if (first)
                {
                    writer.WriteNumber("inputTextTokenCount", result.InputTokens);
                }

                if (last)
                {
                    context.Metrics().Write(writer);
                }

                writer.WriteEndObject();
            }), tokens);
        }
    }
}
