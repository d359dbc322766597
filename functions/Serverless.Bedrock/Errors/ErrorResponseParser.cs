using System.Net;
using System.Text.Json;

namespace Serverless.Bedrock.Errors;

/// <summary>Reads a restJson1 error response into a typed <see cref="BedrockException"/>.</summary>
internal static class ErrorResponseParser
{
    public static BedrockException Parse(HttpStatusCode status, string? errorTypeHeader, string? requestId, ReadOnlySpan<byte> body)
    {
        var fields = ErrorBody.Read(body);
        var code = ErrorCodeParser.Sanitize(errorTypeHeader)
                   ?? ErrorCodeParser.Sanitize(fields.Type)
                   ?? ErrorCodeParser.Sanitize(fields.Code)
                   ?? ("Http" + (int)status);
        return BedrockErrorFactory.Create(code, fields.Message, status, requestId, fields.OriginalStatusCode,
            fields.OriginalMessage, fields.ResourceName);
    }
}

/// <summary>The members of an error body that matter, read without a serializer so any shape is accepted.</summary>
internal readonly record struct ErrorBody(string? Type, string? Code, string? Message, int? OriginalStatusCode,
    string? OriginalMessage, string? ResourceName)
{
    public static ErrorBody Read(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            return default;
        }

        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return default;
            }

            return new ErrorBody(
                String(root, "__type"),
                String(root, "code") ?? String(root, "Code"),
                String(root, "message") ?? String(root, "Message") ?? String(root, "errorMessage"),
                root.TryGetProperty("originalStatusCode", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var n) ? n : null,
                String(root, "originalMessage"),
                String(root, "resourceName"));
        }
        catch (JsonException)
        {
            // A proxy's HTML error page is not JSON; the status code alone still classifies it.
            return default;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
