namespace Serverless.Functions.Http;

/// <summary>Content types the functions speak, and which of them are text (sent without base64).</summary>
public static class ContentTypes
{
    public const string Json = "application/json";
    public const string EventStream = "text/event-stream";
    public const string NdJson = "application/x-ndjson";

    /// <summary>JSON, text/* and the +json / +xml suffixes are text; everything else is treated as binary.</summary>
    public static bool IsText(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
               || mediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)
               || mediaType.Equals(NdJson, StringComparison.OrdinalIgnoreCase)
               || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
               || mediaType.EndsWith("/xml", StringComparison.OrdinalIgnoreCase)
               || mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase);
    }
}
