using System.Globalization;

namespace Serverless.Bedrock.Http;

/// <summary>How scalar members are written into headers and query strings (Smithy restJson1 defaults).</summary>
internal static class WireFormat
{
    /// <summary>Query and header timestamps are RFC 3339 date-time in UTC.</summary>
    public static string? Timestamp(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static string? Integer(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
