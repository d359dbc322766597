using System.Text.Json;

namespace Serverless.Batch.Prepare;

/// <summary>A validated input line: its recordId (null when the line has none) and where its modelInput is.</summary>
internal readonly record struct InputRecord(string? RecordId, int ModelInputStart, int ModelInputLength, bool HasOtherMembers);

/// <summary>Where a record came from, for error messages: a line of an input file or an item of the inline records.</summary>
internal readonly record struct RecordPosition(string Source, long Line, bool Inline)
{
    public override string ToString() => Inline ? $"{Source}records[{Line - 1}]" : $"{Source}line {Line}";
}

/// <summary>
/// Checks one JSONL line with a forward-only reader (no DOM): one JSON object with a string <c>recordId</c>
/// (optional) and an object <c>modelInput</c> (required). Errors name the line and the field.
/// </summary>
internal static class InputRecordParser
{
    public const int MaxRecordIdLength = 256;

    public static InputRecord Parse(ReadOnlySpan<byte> line, RecordPosition lineNumber)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
        string? recordId = null;
        int modelStart = -1, modelLength = 0;
        var other = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Invalid(lineNumber, "record", "must be a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("recordId"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        throw Invalid(lineNumber, "recordId", $"must be a string (was {Describe(reader.TokenType)})");
                    }

                    recordId = reader.GetString()!;
                    CheckRecordId(recordId, lineNumber);
                }
                else if (reader.ValueTextEquals("modelInput"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw Invalid(lineNumber, "modelInput", $"must be a JSON object (was {Describe(reader.TokenType)})");
                    }

                    modelStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    modelLength = (int)reader.BytesConsumed - modelStart;
                }
                else
                {
                    var name = reader.GetString();
                    throw Invalid(lineNumber, name ?? "?", "is not a member of a batch record (only recordId and modelInput are)");
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                throw Invalid(lineNumber, "record", "is not a complete JSON object");
            }

            if (reader.Read())
            {
                throw Invalid(lineNumber, "record", "has text after the JSON object (one record per line)");
            }
        }
        catch (JsonException e)
        {
            throw Invalid(lineNumber, "record", $"is not valid JSON ({e.Message})");
        }

        if (modelStart < 0)
        {
            throw Invalid(lineNumber, "modelInput", "is required");
        }

        return new InputRecord(recordId, modelStart, modelLength, other);
    }

    private static void CheckRecordId(string recordId, RecordPosition lineNumber)
    {
        if (recordId.Length == 0 || recordId.Length > MaxRecordIdLength)
        {
            throw Invalid(lineNumber, "recordId", $"must have 1 to {MaxRecordIdLength} characters (had {recordId.Length})");
        }

        foreach (var c in recordId)
        {
            if (char.IsControl(c) || c == '#')
            {
                throw Invalid(lineNumber, "recordId", "must not contain control characters or '#'");
            }
        }
    }

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };

    private static BatchInputException Invalid(RecordPosition position, string field, string problem)
        => new($"{position}: {field}: {problem}.");
}
