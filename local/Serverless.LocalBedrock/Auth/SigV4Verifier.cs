using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Serverless.LocalBedrock.Configuration;

namespace Serverless.LocalBedrock.Auth;

/// <summary>
/// Checks an AWS Signature Version 4 Authorization header the way the service does: it rebuilds the canonical
/// request from the raw request as received (the path re-encoded once more, as SigV4 does for every service but S3),
/// recomputes the signature with the configured test secret, and on mismatch answers with the canonical request
/// and string to sign it expected, like AWS. Accepts any region; the service must be <c>bedrock</c> (or the one given:
/// tests verify other clients' signatures, Step Functions' <c>states</c>, with the same code).
/// </summary>
public sealed class SigV4Verifier
{
    public const string Service = "bedrock";
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string Authority = ":authority";

    private readonly TimeProvider _time;
    private readonly string _service;

    public SigV4Verifier(TimeProvider time, string service = Service)
    {
        _time = time;
        _service = service;
    }

    /// <summary>Null when the signature is valid; otherwise the error to answer with.</summary>
    public AuthFailure? Verify(HttpRequest request, ReadOnlySpan<byte> body, AuthSettings auth)
    {
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return new AuthFailure(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return new AuthFailure(400, "IncompleteSignatureException", $"Authorization header requires the {Algorithm} algorithm, got '{header.Split(' ')[0]}'.");
        }

        var parts = ParseParameters(header[(Algorithm.Length + 1)..]);
        foreach (var required in (ReadOnlySpan<string>)["Credential", "SignedHeaders", "Signature"])
        {
            if (!parts.ContainsKey(required))
            {
                return new AuthFailure(400, "IncompleteSignatureException", $"Authorization header requires '{required}' parameter. Authorization={header}");
            }
        }

        var credential = parts["Credential"].Split('/');
        if (credential.Length != 5 || credential[4] != "aws4_request")
        {
            return new AuthFailure(400, "IncompleteSignatureException", $"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{parts["Credential"]}'");
        }

        var (accessKey, date, region, service) = (credential[0], credential[1], credential[2], credential[3]);
        if (accessKey != auth.AccessKeyId)
        {
            return new AuthFailure(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        if (service != _service)
        {
            return new AuthFailure(403, "InvalidSignatureException", $"Credential should be scoped to correct service: '{_service}'. ");
        }

        var amzDate = request.Headers["x-amz-date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return new AuthFailure(400, "IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        if (!amzDate.StartsWith(date, StringComparison.Ordinal))
        {
            return new AuthFailure(403, "InvalidSignatureException", $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{date}' != '{amzDate[..8]}', from '{amzDate}'.");
        }

        var now = _time.GetUtcNow();
        var skew = TimeSpan.FromMinutes(auth.MaxClockSkewMinutes);
        if (signedAt < now - skew || signedAt > now + skew)
        {
            var bound = (signedAt < now ? now - skew : now + skew).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            return new AuthFailure(403, "InvalidSignatureException",
                $"Signature {(signedAt < now ? "expired" : "not yet current")}: {amzDate} is now {(signedAt < now ? "earlier" : "later")} than {bound} ({now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)} {(signedAt < now ? "-" : "+")} {auth.MaxClockSkewMinutes} min.)");
        }

        var signedHeaders = parts["SignedHeaders"];
        // Over HTTP/2 the AWS SDKs sign the ':authority' pseudo-header instead of 'host' (AWS accepts either).
        if (!signedHeaders.Split(';').Any(name => name is "host" or Authority))
        {
            return new AuthFailure(403, "InvalidSignatureException", "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        var canonical = CanonicalRequest(request, body, signedHeaders);
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var expected = Hex(HMACSHA256.HashData(SigningKey(auth.SecretAccessKey, date, region, service), Encoding.UTF8.GetBytes(stringToSign)));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts["Signature"])))
        {
            return new AuthFailure(403, "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n"
                + $"The Canonical String for this request should have been\n'{canonical}'\n\nThe String-to-Sign should have been\n'{stringToSign}'\n");
        }

        return null;
    }

    internal static string CanonicalRequest(HttpRequest request, ReadOnlySpan<byte> body, string signedHeaders)
    {
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path + request.QueryString);
        var queryAt = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryAt >= 0 ? rawTarget[..queryAt] : rawTarget;
        var rawQuery = queryAt >= 0 ? rawTarget[(queryAt + 1)..] : "";

        var builder = new StringBuilder();
        builder.Append(request.Method).Append('\n');
        builder.Append(CanonicalPath(rawPath)).Append('\n');
        builder.Append(CanonicalQuery(rawQuery)).Append('\n');
        foreach (var name in signedHeaders.Split(';'))
        {
            // Kestrel surfaces an HTTP/2 request's ':authority' as the Host header.
            var values = (name == Authority ? request.Headers.Host : request.Headers[name]).Select(v => CollapseSpaces((v ?? "").Trim()));
            builder.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }

        builder.Append('\n').Append(signedHeaders).Append('\n');
        builder.Append(Hex(SHA256.HashData(body)));
        return builder.ToString();
    }

    // SigV4 for non-S3 services encodes each path segment once more: the %3A a client sent becomes %253A.
    private static string CanonicalPath(string rawPath)
    {
        if (rawPath.Length == 0)
        {
            return "/";
        }

        return string.Join('/', rawPath.Split('/').Select(UriEncode));
    }

    private static string CanonicalQuery(string rawQuery)
    {
        if (rawQuery.Length == 0)
        {
            return "";
        }

        var pairs = rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Uri.UnescapeDataString(eq >= 0 ? pair[..eq] : pair);
                var value = eq >= 0 ? Uri.UnescapeDataString(pair[(eq + 1)..]) : "";
                return (Key: UriEncode(key), Value: UriEncode(value));
            })
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(p => p.Key + "=" + p.Value));
    }

    private static string UriEncode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string CollapseSpaces(string value)
    {
        var builder = new StringBuilder(value.Length);
        var previousSpace = false;
        foreach (var c in value)
        {
            var space = c == ' ';
            if (!(space && previousSpace))
            {
                builder.Append(c);
            }

            previousSpace = space;
        }

        return builder.ToString();
    }

    private static Dictionary<string, string> ParseParameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                result[part[..eq]] = part[(eq + 1)..];
            }
        }

        return result;
    }

    private static byte[] SigningKey(string secret, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, "aws4_request"u8);
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}

/// <summary>Why a request's signature was refused: status, AWS error type, message.</summary>
public sealed record AuthFailure(int StatusCode, string ErrorType, string Message);
