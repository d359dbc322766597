using System.Text;

namespace Serverless.Functions.Http;

/// <summary>
/// The payload 2.0 response a buffered function returns (APIGatewayHttpApiV2ProxyResponse in the official package);
/// function URLs take the same shape. Text bodies travel as is, binary ones as base64.
/// </summary>
public sealed class HttpApiResponse
{
    public int StatusCode { get; set; } = 200;

    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>Set-Cookie values.</summary>
    public List<string>? Cookies { get; set; }

    public string? Body { get; set; }

    public bool IsBase64Encoded { get; set; }

    /// <summary>A response whose body is UTF-8 text (JSON, usually) with the given content type.</summary>
    public static HttpApiResponse Text(int statusCode, ReadOnlySpan<byte> utf8Body, string contentType) => new()
    {
        StatusCode = statusCode,
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["content-type"] = contentType },
        Body = Encoding.UTF8.GetString(utf8Body),
    };

    public static HttpApiResponse Json(int statusCode, ReadOnlySpan<byte> utf8Json) => Text(statusCode, utf8Json, "application/json");

    /// <summary>A response with an arbitrary body; sent as base64 unless the content type is text or JSON.</summary>
    public static HttpApiResponse Bytes(int statusCode, ReadOnlySpan<byte> body, string contentType)
    {
        if (ContentTypes.IsText(contentType) && System.Text.Unicode.Utf8.IsValid(body))
        {
            return Text(statusCode, body, contentType);
        }

        return new HttpApiResponse
        {
            StatusCode = statusCode,
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["content-type"] = contentType },
            Body = Convert.ToBase64String(body),
            IsBase64Encoded = true,
        };
    }

    /// <summary>Adds or replaces a header and returns this response.</summary>
    public HttpApiResponse WithHeader(string name, string value)
    {
        Headers ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Headers[name] = value;
        return this;
    }

    /// <summary>The body's bytes, base64-decoded when flagged so.</summary>
    public byte[] BodyBytes()
    {
        if (Body is null)
        {
            return [];
        }

        return IsBase64Encoded ? Convert.FromBase64String(Body) : Encoding.UTF8.GetBytes(Body);
    }
}
