using System.Text.Json;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Generation;
using static Serverless.LocalBedrock.Formats.JsonFields;

namespace Serverless.LocalBedrock.Formats;

/// <summary>
/// Meta Llama: request {prompt, max_gen_len, temperature, top_p}; response {generation, prompt_token_count,
/// generation_token_count, stop_reason}; stream chunks of the same shape, prompt_token_count on the first only.
/// </summary>
internal sealed class LlamaFormat : IModelBodyFormat
{
    public InvocationRequest Parse(JsonElement body, ModelSettings model)
    {
        RequireObject(body, "");
        var text = RequiredNonEmptyString(body, "prompt", "");

        var maxTokens = OptionalInt(body, "max_gen_len", "", min: 1);
        OptionalNumber(body, "temperature", "", 0, 1);
        OptionalNumber(body, "top_p", "", 0, 1);
        var prompt = new Prompt { System = [], Messages = [new PromptMessage("user", [text])] };
        var effective = OutputLimits.Effective(maxTokens, model, "max_gen_len");
        OutputLimits.CheckContext(prompt.CountInputTokens(), effective, model);
        return new InvocationRequest { Prompt = prompt, MaxTokens = effective };
    }

    private static string StopReason(GenerationResult result) => result.StopReason == "max_tokens" ? "length" : "stop";

    public byte[] Response(GenerationResult result, FormatContext context) => FormatJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("generation", result.Text);
        writer.WriteNumber("prompt_token_count", result.InputTokens);
        writer.WriteNumber("generation_token_count", result.OutputTokens);
        writer.WriteString("stop_reason", StopReason(result));
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
            var first = i == 0;
            var last = i == deltas.Count - 1;
            var soFar = total;
            yield return new NativeChunk(FormatJson.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("generation", text);
                if (first)
                {
                    writer.WriteNumber("prompt_token_count", result.InputTokens);
                }
                else
                {
                    writer.WriteNull("prompt_token_count");
                }

                writer.WriteNumber("generation_token_count", soFar);
                if (last)
                {
                    writer.WriteString("stop_reason", StopReason(result));
                    context.Metrics().Write(writer);
                }
                else
                {
                    writer.WriteNull("stop_reason");
                }

                writer.WriteEndObject();
            }), tokens);
        }
    }
}
