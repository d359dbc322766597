using System.Buffers;
using System.Text.Json;
using Serverless.Batch.Results;

namespace Serverless.Batch.Summaries;

/// <summary>
/// One batch's results file: a JSON line per record, <c>{"recordId","status","modelOutput"}</c> or
/// <c>{"recordId","status","error":{"code","message"}}</c>, plus <c>source</c> and <c>attempts</c>.
/// </summary>
internal static class ResultsFileWriter
{
    public static void Write(IBufferWriter<byte> output, RecordResult result)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        writer.WriteStartObject();
        writer.WriteString("recordId"u8, result.RecordId);
        writer.WriteString("status"u8, result.Status);
        if (result.IsSucceeded && result.ModelOutput is { } modelOutput)
        {
            writer.WritePropertyName("modelOutput"u8);
            writer.WriteRawValue(modelOutput, skipInputValidation: true);
        }
        else
        {
            writer.WriteStartObject("error"u8);
            writer.WriteString("code"u8, result.ErrorCode);
            writer.WriteString("message"u8, result.ErrorMessage);
            writer.WriteEndObject();
        }

        writer.WriteString("source"u8, result.Source);
        writer.WriteNumber("attempts"u8, result.Attempts);
        writer.WriteEndObject();
        writer.Flush();
        output.Write("\n"u8);
    }
}
