using System.Text.Json;

namespace Serverless.Functions.Errors;

/// <summary>
/// Describes a System.Text.Json failure in the caller's terms: the field (its JSON path without "$.") and the
/// problem (wrong type, or malformed JSON with line and byte), without .NET type names.
/// </summary>
internal static class JsonErrors
{
    public static string Field(JsonException exception)
    {
        if (!IsWrongType(exception))
        {
            // Malformed JSON is the body's problem; where it broke goes into the problem text.
            return "body";
        }

        return PathOf(exception);
    }

    private static bool IsWrongType(JsonException exception) => exception.Message.Contains("could not be converted", StringComparison.Ordinal);

    private static string PathOf(JsonException exception)
    {
        var path = exception.Path;
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    public static string Problem(JsonException exception)
    {
        var message = exception.Message;
        if (IsWrongType(exception))
        {
            return "has the wrong type";
        }

        var at = PathOf(exception) is var path && path != "body" ? $" at {path}" : "";
        var where = exception.LineNumber is { } line ? $" (line {line + 1}, byte {exception.BytePositionInLine + 1}{at})" : at;
        var firstSentence = message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd();
        return $"is not valid JSON{where}: {firstSentence}";
    }
}
