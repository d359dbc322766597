using System.Text.Json;

namespace Serverless.Bedrock.Validation;

/// <summary>
/// Small guards for the model's required/length/range/pattern traits. Every failure is an ArgumentException whose
/// message starts with the field path (e.g. <c>messages[0].content: ...</c>) and whose ParamName is that path.
/// </summary>
internal static class Check
{
    public static ArgumentException Fail(string field, string problem) => new($"{field}: {problem}", field);

    public static void Required(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Fail(field, "is required");
        }
    }

    public static void Required(object? value, string field)
    {
        if (value is null)
        {
            throw Fail(field, "is required");
        }
    }

    public static void Document(JsonElement value, string field)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            throw Fail(field, "is required (a JSON document)");
        }
    }

    public static void Length(string? value, string field, int min, int max)
    {
        if (value is not null && (value.Length < min || value.Length > max))
        {
            throw Fail(field, $"must be {min} to {max} characters long (got {value.Length})");
        }
    }

    public static void Range(long? value, string field, long min, long max)
    {
        if (value is { } v && (v < min || v > max))
        {
            throw Fail(field, $"must be between {min} and {max} (got {v})");
        }
    }

    public static void Range(float? value, string field, float min, float max)
    {
        if (value is { } v && (float.IsNaN(v) || v < min || v > max))
        {
            throw Fail(field, $"must be between {min} and {max} (got {v})");
        }
    }

    public static void Count<T>(IReadOnlyCollection<T>? items, string field, int min, int max)
    {
        if (items is not null && (items.Count < min || items.Count > max))
        {
            throw Fail(field, $"must have {min} to {max} entries (got {items.Count})");
        }
    }

    public static void OneOf(string? value, string field, params string[] allowed)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw Fail(field, $"must be one of {string.Join(", ", allowed)} (got '{value}')");
        }
    }

    public static void Matches(string? value, string field, System.Text.RegularExpressions.Regex pattern, string what)
    {
        if (value is not null && !pattern.IsMatch(value))
        {
            throw Fail(field, $"must be {what} (got '{value}')");
        }
    }

    public static void S3Uri(string? value, string field)
    {
        Required(value, field);
        Length(value, field, 1, 1024);
        Matches(value, field, Patterns.S3Uri(), "an s3://bucket/key URI");
    }

    /// <summary>A union must have exactly one member set.</summary>
    public static void ExactlyOne(string field, params object?[] members)
    {
        var set = members.Count(m => m is not null);
        if (set != 1)
        {
            throw Fail(field, set == 0 ? "exactly one member must be set (none is)" : $"exactly one member must be set ({set} are)");
        }
    }
}
