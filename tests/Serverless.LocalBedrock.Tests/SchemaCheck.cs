using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Serverless.LocalBedrock.Tests;

/// <summary>
/// A test-side JSON Schema checker for the keywords the local Bedrock's generator claims to honour. JsonSchema.Net
/// 9.7.0 (the pinned validator) cannot be restored here: its dependency JsonPointer.Net is missing from the package
/// source. This is written independently of the generator so the two do not share mistakes; its own tests prove it
/// rejects invalid documents.
/// </summary>
internal static partial class SchemaCheck
{
    public static List<string> Errors(JsonElement schema, JsonElement document)
    {
        var errors = new List<string>();
        Check(schema, schema, document, "$", errors);
        return errors;
    }

    public static void AssertValid(string schemaText, string documentText)
    {
        using var schema = JsonDocument.Parse(schemaText);
        using var document = JsonDocument.Parse(documentText);
        var errors = Errors(schema.RootElement, document.RootElement);
        Assert.True(errors.Count == 0, $"{documentText} is not valid: {string.Join("; ", errors)}");
    }

    private static void Check(JsonElement root, JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            var target = root;
            foreach (var segment in reference.GetString()!.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                target = target.GetProperty(segment);
            }

            Check(root, target, value, at, errors);
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!allowed.Any(t => IsType(value, t)))
            {
                errors.Add($"{at}: expected {string.Join("|", allowed)}, got {value.ValueKind}");
                return;
            }
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            errors.Add($"{at}: expected const {constant.GetRawText()}");
        }

        if (schema.TryGetProperty("enum", out var choices) && !choices.EnumerateArray().Any(c => JsonElement.DeepEquals(c, value)))
        {
            errors.Add($"{at}: {value.GetRawText()} not in enum");
        }

        if (schema.TryGetProperty("anyOf", out var anyOf) && !anyOf.EnumerateArray().Any(s => Errors(root, s, value).Count == 0))
        {
            errors.Add($"{at}: matches no anyOf branch");
        }

        if (schema.TryGetProperty("oneOf", out var oneOf) && oneOf.EnumerateArray().Count(s => Errors(root, s, value).Count == 0) != 1)
        {
            errors.Add($"{at}: does not match exactly one oneOf branch");
        }

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var branch in allOf.EnumerateArray())
            {
                Check(root, branch, value, at, errors);
            }
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(root, schema, value, at, errors);
                break;
            case JsonValueKind.Array:
                CheckArray(root, schema, value, at, errors);
                break;
            case JsonValueKind.Number:
                var number = value.GetDouble();
                if ((schema.TryGetProperty("minimum", out var min) && number < min.GetDouble())
                    || (schema.TryGetProperty("maximum", out var max) && number > max.GetDouble())
                    || (schema.TryGetProperty("exclusiveMinimum", out var exMin) && number <= exMin.GetDouble())
                    || (schema.TryGetProperty("exclusiveMaximum", out var exMax) && number >= exMax.GetDouble()))
                {
                    errors.Add($"{at}: {number} out of range");
                }

                break;
            case JsonValueKind.String:
                CheckString(schema, value.GetString()!, at, errors);
                break;
        }
    }

    private static List<string> Errors(JsonElement root, JsonElement schema, JsonElement value)
    {
        var errors = new List<string>();
        Check(root, schema, value, "", errors);
        return errors;
    }

    private static void CheckObject(JsonElement root, JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray())
            {
                if (!value.TryGetProperty(name.GetString()!, out _))
                {
                    errors.Add($"{at}: missing required {name.GetString()}");
                }
            }
        }

        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        foreach (var member in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out var memberSchema))
            {
                Check(root, memberSchema, member.Value, at + "." + member.Name, errors);
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False)
            {
                errors.Add($"{at}: unexpected member {member.Name}");
            }
        }
    }

    private static void CheckArray(JsonElement root, JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        var count = value.GetArrayLength();
        if ((schema.TryGetProperty("minItems", out var min) && count < min.GetInt32()) || (schema.TryGetProperty("maxItems", out var max) && count > max.GetInt32()))
        {
            errors.Add($"{at}: {count} items out of range");
        }

        if (schema.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind == JsonValueKind.True
            && value.EnumerateArray().Select(v => v.GetRawText()).Distinct().Count() != count)
        {
            errors.Add($"{at}: items not unique");
        }

        if (schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(root, items, item, $"{at}[{index++}]", errors);
            }
        }
    }

    private static void CheckString(JsonElement schema, string text, string at, List<string> errors)
    {
        if ((schema.TryGetProperty("minLength", out var min) && text.Length < min.GetInt32()) || (schema.TryGetProperty("maxLength", out var max) && text.Length > max.GetInt32()))
        {
            errors.Add($"{at}: length {text.Length} out of range");
        }

        if (schema.TryGetProperty("format", out var format))
        {
            var ok = format.GetString() switch
            {
                "date-time" => DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                "email" => EmailPattern().IsMatch(text),
                "uuid" => Guid.TryParseExact(text, "D", out _),
                "uri" => Uri.TryCreate(text, UriKind.Absolute, out _),
                _ => true,
            };
            if (!ok)
            {
                errors.Add($"{at}: '{text}' is not a {format.GetString()}");
            }
        }
    }

    private static bool IsType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        _ => false,
    };

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
