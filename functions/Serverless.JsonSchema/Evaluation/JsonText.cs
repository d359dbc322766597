using System.Text.Json;

namespace Serverless.Schemas.Evaluation;

/// <summary>Short renderings of instance values and kinds for error messages (a model reads them; long values are cut).</summary>
internal static class JsonText
{
    private const int MaxShown = 60;

    /// <summary>JSON Schema's type name of a value ("integer" for a number without a fraction).</summary>
    public static string TypeOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => JsonNumber.From(element).IsInteger ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    /// <summary>A value as JSON, cut to a readable length; objects and arrays by kind and size.</summary>
    public static string Show(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => $"an array of {element.GetArrayLength()} items",
        _ => Cut(element.GetRawText()),
    };

    /// <summary>A schema value (enum member, const) in full JSON, cut to a readable length.</summary>
    public static string Literal(JsonElement element) => Cut(element.GetRawText());

    public static string Quote(string text) => Cut(JsonSerializer.Serialize(text, SchemaJsonContext.Default.String));

    /// <summary>Unicode code points, as JSON Schema counts string length (an emoji is 1, not 2 UTF-16 units).</summary>
    public static int CodePoints(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    private static string Cut(string text) => text.Length <= MaxShown ? text : string.Concat(text.AsSpan(0, MaxShown), "…");
}
