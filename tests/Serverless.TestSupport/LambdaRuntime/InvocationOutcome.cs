using System.Text;
using System.Text.Json;

namespace Serverless.TestSupport;

/// <summary>What the runtime sent back for one invocation, as the local Runtime API received it.</summary>
public sealed record InvocationOutcome(
    InvocationOutcomeKind Kind,
    byte[] Body,
    IReadOnlyDictionary<string, string> RequestHeaders,
    IReadOnlyDictionary<string, string> Trailers)
{
    public string? ContentType => RequestHeaders.GetValueOrDefault("Content-Type");

    /// <summary>Lambda-Runtime-Function-Error-Type of an /error post.</summary>
    public string? ErrorTypeHeader => RequestHeaders.GetValueOrDefault("Lambda-Runtime-Function-Error-Type");

    /// <summary>Lambda-Runtime-Function-Error-Type trailer of a streamed response.</summary>
    public string? TrailerErrorType => Trailers.GetValueOrDefault("Lambda-Runtime-Function-Error-Type");

    /// <summary>The Lambda-Runtime-Function-Error-Body trailer, base64-decoded and parsed.</summary>
    public JsonElement? TrailerError => Trailers.TryGetValue("Lambda-Runtime-Function-Error-Body", out var body)
        ? JsonDocument.Parse(Convert.FromBase64String(body)).RootElement.Clone()
        : null;

    public string BodyText => Encoding.UTF8.GetString(Body);

    public JsonElement BodyJson() => JsonDocument.Parse(Body).RootElement.Clone();
}
