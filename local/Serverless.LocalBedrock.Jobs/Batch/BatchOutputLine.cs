using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Serverless.LocalBedrock.Jobs.Contracts;

namespace Serverless.LocalBedrock.Jobs.Batch;

/// <summary>
/// One line of a <c>.jsonl.out</c> file in Bedrock's own form: compact JSON, top-level members in alphabetical
/// order (<c>modelInput</c>, <c>modelOutput</c>, <c>recordId</c> as genuine output shows; so a failed record reads
/// <c>error</c>, <c>modelInput</c>, <c>recordId</c>), and only the characters JSON requires escaped (a genuine line
/// keeps <c>'</c> and non-ASCII text as is).
/// </summary>
internal static class BatchOutputLine
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    public static void Write(IBufferWriter<byte> buffer, BatchRecord record, ModelInvocationResult result)
    {
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (result.Succeeded && result.ModelOutput is { } output)
            {
                writer.WritePropertyName("modelInput");
                record.ModelInput.WriteTo(writer);
                writer.WritePropertyName("modelOutput");
                output.WriteTo(writer);
            }
            else
            {
                writer.WriteStartObject("error");
                writer.WriteNumber("errorCode", result.ErrorCode ?? 500);
                writer.WriteString("errorMessage", result.ErrorMessage ?? "The model returned no output.");
                writer.WriteEndObject();
                writer.WritePropertyName("modelInput");
                record.ModelInput.WriteTo(writer);
            }

            writer.WriteString("recordId", record.RecordId);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
    }
}
