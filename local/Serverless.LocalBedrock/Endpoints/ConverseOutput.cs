using System.Text.Json;
using Serverless.LocalBedrock.Formats;
using Serverless.LocalBedrock.Generation;

namespace Serverless.LocalBedrock.Endpoints;

/// <summary>The Converse response body and the ConverseStream event sequence for one answer.</summary>
internal static class ConverseOutput
{
    public static byte[] Response(GenerationResult result, long latencyMs) => FormatJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject("output");
        writer.WriteStartObject("message");
        writer.WriteString("role", "assistant");
        writer.WriteStartArray("content");
        if (result.ToolUse is { } call)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("toolUse");
            writer.WriteString("toolUseId", call.ToolUseId);
            writer.WriteString("name", call.Name);
            writer.WritePropertyName("input");
            writer.WriteRawValue(call.InputJson);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteString("text", result.Text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteString("stopReason", result.StopReason);
        WriteUsage(writer, result);
        writer.WriteStartObject("metrics");
        writer.WriteNumber("latencyMs", latencyMs);
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    /// <summary>The stream's events in order: (event type, payload, output tokens carried). The metadata event is
    /// built last, when enumeration reaches it, so its latency is the real one.</summary>
    public static IEnumerable<(string EventType, byte[] Payload, int Tokens)> Events(GenerationResult result, Random random, Func<long> latencyMs)
    {
        yield return ("messageStart", Event(random, w => w.WriteString("role", "assistant")), 0);
        var call = result.ToolUse;
        if (call is not null)
        {
            yield return ("contentBlockStart", Event(random, w =>
            {
                w.WriteStartObject("start");
                w.WriteStartObject("toolUse");
                w.WriteString("toolUseId", call.ToolUseId);
                w.WriteString("name", call.Name);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteNumber("contentBlockIndex", 0);
            }), 0);
        }

        foreach (var (text, tokens) in FormatJson.Deltas(call?.InputJson ?? result.Text, random))
        {
            yield return ("contentBlockDelta", Event(random, w =>
            {
                w.WriteStartObject("delta");
                if (call is not null)
                {
                    w.WriteStartObject("toolUse");
                    w.WriteString("input", text);
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteString("text", text);
                }

                w.WriteEndObject();
                w.WriteNumber("contentBlockIndex", 0);
            }), tokens);
        }

        yield return ("contentBlockStop", Event(random, w => w.WriteNumber("contentBlockIndex", 0)), 0);
        yield return ("messageStop", Event(random, w => w.WriteString("stopReason", result.StopReason)), 0);
        yield return ("metadata", Event(random, w =>
        {
            WriteUsage(w, result);
            w.WriteStartObject("metrics");
            w.WriteNumber("latencyMs", latencyMs());
            w.WriteEndObject();
        }), 0);
    }

    private static void WriteUsage(Utf8JsonWriter writer, GenerationResult result)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("inputTokens", result.InputTokens);
        writer.WriteNumber("outputTokens", result.OutputTokens);
        writer.WriteNumber("totalTokens", result.InputTokens + result.OutputTokens);
        writer.WriteEndObject();
    }

    // Every event carries Bedrock's "p" padding member.
    private static byte[] Event(Random random, Action<Utf8JsonWriter> members) => FormatJson.Write(writer =>
    {
        writer.WriteStartObject();
        members(writer);
        writer.WriteString("p", RandomIds.Padding(random));
        writer.WriteEndObject();
    });
}
