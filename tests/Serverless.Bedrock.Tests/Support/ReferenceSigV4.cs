using System.Security.Cryptography;
using System.Text;

namespace Serverless.Bedrock.Tests.Support;

/// <summary>
/// An independent SigV4 implementation written from the specification, used only to check the shipped signer.
/// It is itself pinned to the AWS test suites (string-to-sign and signature from each case's canonical request).
/// </summary>
internal static class ReferenceSigV4
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    public static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    public static string Sha256Hex(byte[] data) => Hex(SHA256.HashData(data));

    public static string Sha256Hex(string data) => Sha256Hex(Encoding.UTF8.GetBytes(data));

    public static string StringToSign(string canonicalRequest, DateTime signedAt, string region, string service) =>
        $"AWS4-HMAC-SHA256\n{signedAt:yyyyMMdd'T'HHmmss'Z'}\n{signedAt:yyyyMMdd}/{region}/{service}/aws4_request\n{Sha256Hex(canonicalRequest)}";

    public static string Signature(string stringToSign, DateTime signedAt, string region, string service, string secretKey = SecretKey)
    {
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), signedAt.ToString("yyyyMMdd"));
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        return Hex(Hmac(key, stringToSign));
    }

    /// <summary>RFC 3986 encoding of every byte except unreserved characters (and '/' when asked).</summary>
    public static string UriEncode(string value, bool keepSlash)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2"));
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The canonical request a non-S3 service computes for a request it received: the wire path (already
    /// percent-encoded) is encoded once more, query pairs are decoded, re-encoded and sorted.
    /// </summary>
    public static string CanonicalRequest(string method, Uri uri, IEnumerable<KeyValuePair<string, string>> signedHeaders, string payloadHash)
    {
        var path = UriEncode(uri.AbsolutePath, keepSlash: true);
        var query = string.Join("&", uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var eq = pair.IndexOf('=');
                var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
                var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
                return (Key: UriEncode(key, false), Value: UriEncode(value, false));
            })
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));
        var headers = signedHeaders
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: string.Join(" ", h.Value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))))
            .OrderBy(h => h.Name, StringComparer.Ordinal).ToList();
        return $"{method}\n{path}\n{query}\n{string.Concat(headers.Select(h => $"{h.Name}:{h.Value}\n"))}\n{string.Join(";", headers.Select(h => h.Name))}\n{payloadHash}";
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
