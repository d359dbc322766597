using System.Text;
using System.Text.Json;

namespace Serverless.Bedrock.Tests.Support;

/// <summary>One case of the botocore or aws-c-auth SigV4 suites: the raw request and the expected outputs.</summary>
internal sealed record SigV4TestCase(
    string Name,
    string Method,
    string RawPath,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body,
    string ExpectedCanonicalRequest,
    string ExpectedStringToSign,
    string ExpectedAuthorization,
    string? SessionToken,
    bool Normalize,
    bool OmitSessionToken)
{
    public static readonly DateTime SignedAt = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);

    public string Host => Headers.First(h => h.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)).Value;

    public override string ToString() => Name;

    /// <summary>Parses "METHOD path HTTP/1.1", header lines (a line starting with a space continues the previous value), blank line, body.</summary>
    public static (string Method, string Path, List<KeyValuePair<string, string>> Headers, byte[] Body) ParseRequest(string text)
    {
        var lines = text.Split('\n');
        var requestLine = lines[0];
        var method = requestLine[..requestLine.IndexOf(' ')];
        var path = requestLine[(method.Length + 1)..requestLine.LastIndexOf(" HTTP/", StringComparison.Ordinal)];
        var headers = new List<KeyValuePair<string, string>>();
        var i = 1;
        for (; i < lines.Length && lines[i].Length > 0; i++)
        {
            if (char.IsWhiteSpace(lines[i][0]) && headers.Count > 0)
            {
                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + "\n" + lines[i]);
                continue;
            }

            var colon = lines[i].IndexOf(':');
            headers.Add(new(lines[i][..colon], lines[i][(colon + 1)..]));
        }

        var body = i < lines.Length - 1 ? string.Join("\n", lines[(i + 1)..]) : "";
        return (method, path, headers, Encoding.UTF8.GetBytes(body));
    }

    public static IEnumerable<SigV4TestCase> Botocore()
    {
        var root = TestPaths.Fixture("sigv4", "botocore-aws4_testsuite");
        foreach (var request in Directory.EnumerateFiles(root, "*.req", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var dir = Path.GetDirectoryName(request)!;
            var name = Path.GetFileNameWithoutExtension(request);
            var (method, path, headers, body) = ParseRequest(File.ReadAllText(request));
            var canonical = File.ReadAllText(Path.Combine(dir, name + ".creq"));
            // The suite has no context file: a session token is either sent (post-sts-*) or only visible as signed.
            var token = headers.FirstOrDefault(h => h.Key.Equals("X-Amz-Security-Token", StringComparison.OrdinalIgnoreCase)).Value
                        ?? canonical.Split('\n').FirstOrDefault(l => l.StartsWith("x-amz-security-token:", StringComparison.Ordinal))?["x-amz-security-token:".Length..];
            yield return new SigV4TestCase(
                "botocore/" + Path.GetRelativePath(root, dir).Replace('\\', '/'), method, path, headers, body,
                canonical,
                File.ReadAllText(Path.Combine(dir, name + ".sts")),
                File.ReadAllText(Path.Combine(dir, name + ".authz")),
                token,
                Normalize: true,
                // "header-after": the token is sent but was not signed.
                OmitSessionToken: token is not null && !canonical.Contains("x-amz-security-token", StringComparison.Ordinal));
        }
    }

    public static IEnumerable<SigV4TestCase> AwsCAuth()
    {
        var root = TestPaths.Fixture("sigv4", "aws-c-auth-v4");
        foreach (var dir in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            using var context = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "context.json")));
            var ctx = context.RootElement;
            var (method, path, headers, body) = ParseRequest(File.ReadAllText(Path.Combine(dir, "request.txt")));
            var canonical = File.ReadAllText(Path.Combine(dir, "header-canonical-request.txt"));
            var stringToSign = File.ReadAllText(Path.Combine(dir, "header-string-to-sign.txt"));
            var signature = File.ReadAllText(Path.Combine(dir, "header-signature.txt")).Trim();
            var signedHeaders = canonical.Split('\n')[^2];
            var authorization = $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders={signedHeaders}, Signature={signature}";
            yield return new SigV4TestCase(
                "aws-c-auth/" + Path.GetFileName(dir), method, path, headers, body, canonical, stringToSign, authorization,
                ctx.GetProperty("credentials").TryGetProperty("token", out var token) ? token.GetString() : null,
                ctx.GetProperty("normalize").GetBoolean(),
                ctx.TryGetProperty("omit_session_token", out var omit) && omit.GetBoolean());
        }
    }
}
