using System.Text.Json;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Generation;

namespace Serverless.LocalBedrock.Formats;

/// <summary>One provider's InvokeModel body format: request validation, the response body, and the stream chunks.</summary>
internal interface IModelBodyFormat
{
    /// <summary>Validates a native request body; throws <see cref="RequestValidationException"/> naming the member.</summary>
    InvocationRequest Parse(JsonElement body, ModelSettings model);

    /// <summary>The InvokeModel response body.</summary>
    byte[] Response(GenerationResult result, FormatContext context);

    /// <summary>The native chunk bodies InvokeModelWithResponseStream carries, in order. Enumerated lazily, so the last
    /// chunk's invocation metrics reflect the time it is produced.</summary>
    IEnumerable<NativeChunk> Chunks(GenerationResult result, FormatContext context);
}

/// <summary>One native stream chunk and the output tokens it carries (what the latency model paces on).</summary>
internal readonly record struct NativeChunk(byte[] Json, int OutputTokens);

/// <summary>What a format needs besides the answer: the model, a seeded Random for ids, and the measured latencies.</summary>
internal sealed class FormatContext(string modelId, ModelSettings model, Random random, Func<InvocationMetrics> metrics)
{
    public string ModelId { get; } = modelId;

    public ModelSettings Model { get; } = model;

    public Random Random { get; } = random;

    public InvocationMetrics Metrics() => metrics();
}

/// <summary>The <c>amazon-bedrock-invocationMetrics</c> Bedrock appends to the last chunk of a stream.</summary>
internal readonly record struct InvocationMetrics(int InputTokenCount, int OutputTokenCount, long InvocationLatencyMs, long FirstByteLatencyMs)
{
    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("amazon-bedrock-invocationMetrics");
        writer.WriteNumber("inputTokenCount", InputTokenCount);
        writer.WriteNumber("outputTokenCount", OutputTokenCount);
        writer.WriteNumber("invocationLatency", InvocationLatencyMs);
        writer.WriteNumber("firstByteLatency", FirstByteLatencyMs);
        writer.WriteEndObject();
    }
}

/// <summary>Helpers shared by the formats.</summary>
internal static class FormatJson
{
    /// <summary>Escapes only what JSON requires (quotes as \", not \u0022), as the service's bodies do.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Splits an answer into stream deltas of one to four tokens, the way models emit text in bursts.</summary>
    public static List<(string Text, int Tokens)> Deltas(string text, Random random)
    {
        var pieces = Tokens.Tokenizer.Split(text);
        var deltas = new List<(string, int)>();
        for (var i = 0; i < pieces.Count;)
        {
            var take = Math.Min(1 + random.Next(4), pieces.Count - i);
            deltas.Add((string.Concat(pieces.Skip(i).Take(take)), take));
            i += take;
        }

        return deltas;
    }
}
