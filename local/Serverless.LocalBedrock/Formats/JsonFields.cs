using System.Text.Json;

namespace Serverless.LocalBedrock.Formats;

/// <summary>
/// Reads members of a request body with checks whose failures name the member by path, e.g.
/// <c>messages.0.content: Field required</c> (the style Bedrock relays from the model providers).
/// </summary>
internal static class JsonFields
{
    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    public static string Join(string path, int index) => path + "." + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static JsonElement ParseBody(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new RequestValidationException("Malformed input request: the request body is empty, please reformat your input and try again.");
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 128 });
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new RequestValidationException($"Malformed input request: the body is not valid JSON ({e.Message}), please reformat your input and try again.");
        }
    }

    public static void RequireObject(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new RequestValidationException(path.Length == 0
                ? "Malformed input request: the body must be a JSON object, please reformat your input and try again."
                : $"{path}: Input should be an object");
        }
    }

    /// <summary>The member when present and not null.</summary>
    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
        => obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    public static JsonElement Required(JsonElement obj, string name, string path)
        => TryGet(obj, name, out var value) ? value : throw new RequestValidationException($"{Join(path, name)}: Field required");

    public static string RequiredString(JsonElement obj, string name, string path)
        => AsString(Required(obj, name, path), Join(path, name));

    /// <summary>A required string that must not be empty (Bedrock's min-length 1 members), with Bedrock's wording.</summary>
    public static string RequiredNonEmptyString(JsonElement obj, string name, string path)
        => NonEmpty(RequiredString(obj, name, path), Join(path, name));

    public static string NonEmpty(string value, string path)
        => value.Length > 0 ? value : throw new RequestValidationException($"{path}: String should have at least 1 character");

    public static string? OptionalString(JsonElement obj, string name, string path)
        => TryGet(obj, name, out var value) ? AsString(value, Join(path, name)) : null;

    public static string AsString(JsonElement value, string path)
        => value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new RequestValidationException($"{path}: Input should be a valid string");

    public static JsonElement RequiredArray(JsonElement obj, string name, string path)
    {
        var value = Required(obj, name, path);
        return value.ValueKind == JsonValueKind.Array ? value : throw new RequestValidationException($"{Join(path, name)}: Input should be a valid list");
    }

    public static JsonElement? OptionalArray(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Array ? value : throw new RequestValidationException($"{Join(path, name)}: Input should be a valid list");
    }

    public static JsonElement? OptionalObject(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        RequireObject(value, Join(path, name));
        return value;
    }

    public static int? OptionalInt(JsonElement obj, string name, string path, int min = int.MinValue)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        var member = Join(path, name);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw new RequestValidationException($"{member}: Input should be a valid integer");
        }

        if (number < min)
        {
            throw new RequestValidationException($"{member}: Input should be greater than or equal to {min}");
        }

        return number;
    }

    public static double? OptionalNumber(JsonElement obj, string name, string path, double min, double max)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        var member = Join(path, name);
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw new RequestValidationException($"{member}: Input should be a valid number");
        }

        var number = value.GetDouble();
        if (number < min || number > max)
        {
            throw new RequestValidationException($"{member}: Input should be between {min} and {max}");
        }

        return number;
    }

    public static List<string> OptionalStringList(JsonElement obj, string name, string path)
    {
        var list = new List<string>();
        if (OptionalArray(obj, name, path) is { } array)
        {
            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                list.Add(AsString(item, Join(Join(path, name), index++)));
            }
        }

        return list;
    }
}
