using System.Buffers;
using System.Text.Json;

namespace Serverless.Batch.Prepare;

/// <summary>
/// The JSONL line formats the steps write: Bedrock's job input line <c>{"recordId","modelInput"}</c>, and the
/// on-demand work line <c>{"batchId","recordId","modelId","modelInput","reason"?}</c> that the retry step reads.
/// </summary>
internal static class RecordLines
{
    public static void WriteJobLine(IBufferWriter<byte> output, string recordId, ReadOnlySpan<byte> modelInput)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        writer.WriteStartObject();
        writer.WriteString("recordId"u8, recordId);
        writer.WritePropertyName("modelInput"u8);
        writer.WriteRawValue(modelInput, skipInputValidation: true);
        writer.WriteEndObject();
        writer.Flush();
        output.Write("\n"u8);
    }

    public static void WriteWorkLine(IBufferWriter<byte> output, string batchId, string recordId, string modelId, ReadOnlySpan<byte> modelInput, string? reason)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        writer.WriteStartObject();
        writer.WriteString("batchId"u8, batchId);
        writer.WriteString("recordId"u8, recordId);
        writer.WriteString("modelId"u8, modelId);
        writer.WritePropertyName("modelInput"u8);
        writer.WriteRawValue(modelInput, skipInputValidation: true);
        if (reason is not null)
        {
            writer.WriteString("reason"u8, reason);
        }

        writer.WriteEndObject();
        writer.Flush();
        output.Write("\n"u8);
    }

    /// <summary>The recordId Bedrock sees: the record's own, or "{batchId}#{recordId}" when a run mixes batches.</summary>
    public static string JobRecordId(string batchId, string recordId, bool includeBatch) => includeBatch ? batchId + "#" + recordId : recordId;

    /// <summary>Undoes <see cref="JobRecordId"/>.</summary>
    public static (string BatchId, string RecordId) SplitJobRecordId(string jobRecordId, bool includeBatch, string singleBatchId)
    {
        if (!includeBatch)
        {
            return (singleBatchId, jobRecordId);
        }

        var hash = jobRecordId.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? (singleBatchId, jobRecordId) : (jobRecordId[..hash], jobRecordId[(hash + 1)..]);
    }
}
