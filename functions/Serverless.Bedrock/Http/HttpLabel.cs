namespace Serverless.Bedrock.Http;

/// <summary>
/// Smithy httpLabel encoding, as the official SDKs do it: every character except the RFC 3986 unreserved set
/// (A-Z a-z 0-9 - . _ ~) is percent-encoded, so a model id's ':' becomes %3A and an ARN's '/' becomes %2F
/// (the label stays one path segment).
/// </summary>
internal static class HttpLabel
{
    public static string Encode(string value) => Uri.EscapeDataString(value);
}
