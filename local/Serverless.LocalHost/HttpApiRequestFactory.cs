using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Serverless.Functions.Http;
using Serverless.Functions.Routing;

namespace Serverless.LocalHost;

/// <summary>
/// Builds the payload 2.0 event API Gateway would send for a Kestrel request: lower-case header names with repeated
/// values joined by commas, cookies split out of the Cookie header, the raw (encoded) path and query, decoded query and
/// path parameters, the body as text or base64, and a Lambda-authorizer identity <c>{"callerId": ...}</c> taken from
/// the caller header.
/// </summary>
internal sealed class HttpApiRequestFactory(LocalHostOptions options)
{
    private long _requests;

    public HttpApiRequest Create(HttpContext http, RouteLookup lookup, ReadOnlyMemory<byte> body)
    {
        var request = http.Request;
        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.PathBase + request.Path + request.QueryString).ToString();
        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = query < 0 ? rawTarget : rawTarget[..query];
        var now = options.TimeProvider.GetUtcNow();
        var requestId = "local-" + Interlocked.Increment(ref _requests).ToString("x8", CultureInfo.InvariantCulture);

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        List<string>? cookies = null;
        foreach (var (name, values) in request.Headers)
        {
            if (name.Equals("cookie", StringComparison.OrdinalIgnoreCase))
            {
                cookies = [.. values.SelectMany(v => (v ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
                continue;
            }

            headers[name.ToLowerInvariant()] = string.Join(',', values.ToArray());
        }

        var caller = request.Headers[options.CallerHeader].ToString();
        var route = lookup.Route!;
        var contentType = request.ContentType;
        var text = ContentTypes.IsText(contentType) && System.Text.Unicode.Utf8.IsValid(body.Span);
        return new HttpApiRequest
        {
            Version = "2.0",
            RouteKey = route.RouteKey,
            RawPath = rawPath,
            RawQueryString = query < 0 ? "" : rawTarget[(query + 1)..],
            Cookies = cookies,
            Headers = headers,
            QueryStringParameters = request.Query.Count == 0 ? null
                : request.Query.ToDictionary(q => q.Key, q => string.Join(',', q.Value.ToArray()), StringComparer.Ordinal),
            PathParameters = lookup.PathParameters.Count == 0 ? null : new Dictionary<string, string>(lookup.PathParameters, StringComparer.Ordinal),
            Body = body.IsEmpty ? null : text ? Encoding.UTF8.GetString(body.Span) : Convert.ToBase64String(body.Span),
            IsBase64Encoded = !body.IsEmpty && !text,
            RequestContext = new HttpApiRequestContext
            {
                AccountId = "000000000000",
                ApiId = "local",
                DomainName = request.Host.Host,
                DomainPrefix = "local",
                RequestId = requestId,
                RouteKey = route.RouteKey,
                Stage = "$default",
                Time = now.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture),
                TimeEpoch = now.ToUnixTimeMilliseconds(),
                Http = new HttpApiHttpDescription
                {
                    Method = request.Method,
                    Path = Uri.UnescapeDataString(rawPath),
                    Protocol = request.Protocol,
                    SourceIp = http.Connection.RemoteIpAddress?.ToString(),
                    UserAgent = request.Headers.UserAgent.ToString(),
                },
                Authorizer = new HttpApiAuthorizer
                {
                    Lambda = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
                    {
                        ["callerId"] = JsonSerializer.SerializeToElement(string.IsNullOrEmpty(caller) ? options.DefaultCaller : caller, LocalHostJsonContext.Default.String),
                    },
                },
            },
        };
    }
}
