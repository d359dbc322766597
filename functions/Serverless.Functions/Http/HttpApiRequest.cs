namespace Serverless.Functions.Http;

/// <summary>
/// An API Gateway HTTP API request in payload format 2.0 (the official Amazon.Lambda.APIGatewayEvents calls it
/// APIGatewayHttpApiV2ProxyRequest). Lambda function URLs send the same shape (without routeKey, stage and
/// pathParameters). Header names arrive lower-cased from API Gateway; <see cref="Header"/> ignores case anyway.
/// </summary>
public sealed class HttpApiRequest
{
    /// <summary>"2.0".</summary>
    public string? Version { get; set; }

    /// <summary>The matched route, e.g. <c>POST /v1/invoke/{modelId}</c>, or <c>$default</c>.</summary>
    public string? RouteKey { get; set; }

    /// <summary>The path as the client sent it, still percent-encoded.</summary>
    public string RawPath { get; set; } = "/";

    /// <summary>The query string without the leading '?', still percent-encoded.</summary>
    public string? RawQueryString { get; set; }

    public List<string>? Cookies { get; set; }

    /// <summary>Header name to value; repeated headers are joined with commas.</summary>
    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>Decoded query parameters; a repeated parameter's values are joined with commas.</summary>
    public Dictionary<string, string>? QueryStringParameters { get; set; }

    /// <summary>The route's path parameters (decoded by API Gateway); null for function URLs.</summary>
    public Dictionary<string, string>? PathParameters { get; set; }

    public Dictionary<string, string>? StageVariables { get; set; }

    public HttpApiRequestContext? RequestContext { get; set; }

    /// <summary>The body: text, or base64 when <see cref="IsBase64Encoded"/>; null when the request had none.</summary>
    public string? Body { get; set; }

    public bool IsBase64Encoded { get; set; }

    /// <summary>A header's value by case-insensitive name, or null.</summary>
    public string? Header(string name)
    {
        if (Headers is null)
        {
            return null;
        }

        if (Headers.TryGetValue(name, out var exact))
        {
            return exact;
        }

        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>A decoded query parameter, or null.</summary>
    public string? Query(string name)
        => QueryStringParameters is not null && QueryStringParameters.TryGetValue(name, out var value) ? value : null;
}
