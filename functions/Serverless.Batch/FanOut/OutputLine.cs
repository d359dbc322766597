using System.Text;
using System.Text.Json;
using Serverless.Batch.Prepare;

namespace Serverless.Batch.FanOut;

/// <summary>
/// One line of a job's <c>.jsonl.out</c>: <c>{"modelInput","modelOutput","recordId"}</c>, or for a failed record
/// <c>{"error":{"errorCode","errorMessage"},"modelInput","recordId"}</c>. Slices point into the line's bytes.
/// </summary>
internal readonly record struct OutputLine(string? RecordId, Range ModelInput, Range ModelOutput, string? ErrorCode, string? ErrorMessage)
{
    public bool Succeeded => ErrorCode is null && ErrorMessage is null && !ModelOutput.Equals(default(Range));

    /// <summary>Reads the line; null when it is not a JSON object (a corrupt line: its record then counts as missing).</summary>
    public static OutputLine? Parse(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? recordId = null, errorCode = null, errorMessage = null;
            Range input = default, output = default;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("recordId"u8))
                {
                    reader.Read();
                    recordId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("modelOutput"u8))
                {
                    output = ReadRaw(ref reader);
                }
                else if (reader.ValueTextEquals("modelInput"u8))
                {
                    input = ReadRaw(ref reader);
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    (errorCode, errorMessage) = ReadError(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return new OutputLine(recordId, input, output, errorCode, errorMessage);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Range ReadRaw(ref Utf8JsonReader reader)
    {
        reader.Read();
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return new Range(start, (int)reader.BytesConsumed);
    }

    private static (string Code, string? Message) ReadError(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            reader.Skip();
            return ("Error", text);
        }

        string code = "Error";
        string? message = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isCode = reader.ValueTextEquals("errorCode"u8);
            var isMessage = reader.ValueTextEquals("errorMessage"u8);
            reader.Read();
            if (isCode)
            {
                code = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString() ?? "Error",
                    JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                    _ => code,
                };
            }
            else if (isMessage && reader.TokenType == JsonTokenType.String)
            {
                message = reader.GetString();
            }

            reader.Skip();
        }

        return (code, message);
    }
}

/// <summary>A line of a job's input file (the recordId and the modelInput slice), read when records are missing from the output.</summary>
internal static class JobInputLine
{
    public static (string? RecordId, Range ModelInput) Parse(ReadOnlySpan<byte> line)
    {
        var parsed = OutputLine.Parse(line);
        return parsed is { } p ? (p.RecordId, p.ModelInput) : (null, default);
    }

    public static (string BatchId, string RecordId) Key(string jobRecordId, Contracts.RunInfo run)
        => RecordLines.SplitJobRecordId(jobRecordId, run.RecordIdsIncludeBatch, run.Batches.Count > 0 ? run.Batches[0].BatchId : run.RunId);
}
