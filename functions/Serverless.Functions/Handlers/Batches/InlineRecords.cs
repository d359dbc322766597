using System.Buffers;
using System.Text.Json;
using Serverless.Batch;
using Serverless.Batch.Prepare;
using Serverless.Functions.Errors;

namespace Serverless.Functions.Handlers.Batches;

/// <summary>
/// Checks inline records with batch-prepare's own parser (an object with a <c>modelInput</c> object and an optional
/// <c>recordId</c> without '#') and writes them as JSONL, one compact record per line, the file the workflow reads.
/// </summary>
internal static class InlineRecords
{
    /// <summary>Bedrock's largest job file holds 50,000 records; more inline records than that belong in S3.</summary>
    public static int MaxRecords => BatchLimits.Bedrock.MaxRecordsPerJob;

    public static ReadOnlyMemory<byte> ToJsonl(JsonElement records)
    {
        var count = records.GetArrayLength();
        if (count == 0)
        {
            throw FunctionException.BadRequest("records", "must not be empty");
        }

        if (count > MaxRecords)
        {
            throw FunctionException.BadRequest("records", $"at most {MaxRecords} records can be sent inline (were {count}); put larger batches in S3 and send inputS3Uri");
        }

        var output = new ArrayBufferWriter<byte>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var writer = new Utf8JsonWriter(output);
        var index = 0;
        foreach (var record in records.EnumerateArray())
        {
            var start = output.WrittenCount;
            writer.Reset(output);
            record.WriteTo(writer);
            writer.Flush();
            var line = output.WrittenSpan[start..];
            InputRecord parsed;
            try
            {
                parsed = InputRecordParser.Parse(line, new RecordPosition("", index + 1, Inline: true));
            }
            catch (BatchInputException exception)
            {
                // "records[3]: modelInput: is required." — the parser already names the record and the field.
                throw new FunctionException(new FunctionError(400, ErrorCodes.InvalidRequest, exception.Message.TrimEnd('.'), false));
            }

            if (parsed.RecordId is { } recordId && !seen.Add(recordId))
            {
                throw FunctionException.BadRequest($"records[{index}].recordId", $"'{recordId}' appears more than once");
            }

            output.Write("\n"u8);
            index++;
        }

        return output.WrittenMemory;
    }
}
