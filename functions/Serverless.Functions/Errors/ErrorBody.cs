using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Serverless.Functions.Http;

namespace Serverless.Functions.Errors;

/// <summary>Writes the one error shape, as a whole response or as the JSON of a stream's error event.</summary>
public static class ErrorBody
{
    /// <summary>Messages quote field names and values; API clients read them as JSON, so quotes need no \u escapes.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Json(FunctionError error)
    {
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, error);
        }

        return buffer.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, FunctionError error)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("code", error.Code);
        writer.WriteString("message", error.Message);
        writer.WriteBoolean("retryable", error.Retryable);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static HttpApiResponse Response(FunctionError error)
    {
        var response = HttpApiResponse.Json(error.StatusCode, Json(error));
        foreach (var (name, value) in Headers(error))
        {
            response.WithHeader(name, value);
        }

        return response;
    }

    /// <summary>Headers beside the content type: Retry-After in whole seconds, rounded up (at least 1).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Headers(FunctionError error)
    {
        if (error.RetryAfter is { } wait)
        {
            var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
            yield return new("retry-after", seconds.ToString(CultureInfo.InvariantCulture));
        }
    }
}
