using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Serverless.Functions.Errors;

namespace Serverless.Functions.Requests;

/// <summary>Reads a JSON request body; every failure is a 400 that names the field (see <see cref="JsonErrors"/>).</summary>
internal static class JsonBody
{
    public static T Deserialize<T>(ReadOnlyMemory<byte> body, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        RequireObject(body);
        try
        {
            return JsonSerializer.Deserialize(body.Span, typeInfo) ?? throw FunctionException.BadRequest("body", "must be a JSON object");
        }
        catch (JsonException exception)
        {
            throw new FunctionException(FunctionError.BadRequest(JsonErrors.Field(exception), JsonErrors.Problem(exception)));
        }
    }

    public static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        RequireObject(body);
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            throw new FunctionException(FunctionError.BadRequest("body", JsonErrors.Problem(exception)));
        }
    }

    /// <summary>An empty body or one that does not start with '{' is refused before the parser sees it.</summary>
    private static void RequireObject(ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        var i = 0;
        while (i < span.Length && span[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        if (i == span.Length)
        {
            throw FunctionException.BadRequest("body", "is required (a JSON object)");
        }

        if (span[i] != (byte)'{')
        {
            throw FunctionException.BadRequest("body", "must be a JSON object");
        }
    }

    /// <summary>
    /// A top-level string member read without building a document (for members Bedrock's request types bind to the URI
    /// and so do not deserialize, such as <c>modelId</c>). Null when absent or null; 400 when of another type or empty.
    /// </summary>
    public static string? TopLevelString(ReadOnlyMemory<byte> body, string name)
    {
        var reader = new Utf8JsonReader(body.Span);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? found = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var matches = reader.ValueTextEquals(name);
                reader.Read();
                if (!matches)
                {
                    reader.Skip();
                    continue;
                }

                found = reader.TokenType switch
                {
                    JsonTokenType.Null => null,
                    JsonTokenType.String => reader.GetString() is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text)
                        ? text
                        : throw FunctionException.BadRequest(name, "must not be empty"),
                    _ => throw FunctionException.BadRequest(name, "must be a string"),
                };
            }

            return found;
        }
        catch (JsonException exception)
        {
            throw new FunctionException(FunctionError.BadRequest("body", JsonErrors.Problem(exception)));
        }
    }

    /// <summary>A string member of an element: null when absent or null, 400 naming it when of another type or empty.</summary>
    public static string? OptionalString(JsonElement parent, string name, string? field = null)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw FunctionException.BadRequest(field ?? name, "must be a string");
        }

        var text = value.GetString();
        if (string.IsNullOrWhiteSpace(text))
        {
            throw FunctionException.BadRequest(field ?? name, "must not be empty");
        }

        return text;
    }

    public static string RequiredString(JsonElement parent, string name, string? field = null)
        => OptionalString(parent, name, field) ?? throw FunctionException.BadRequest(field ?? name, "is required");
}
