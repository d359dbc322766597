using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Lambda.RuntimeSupport;

/// <summary>
/// The status, headers and cookies of an HTTP answer streamed through a Function URL (or any HTTP integration of a
/// streaming function). On the wire it is a JSON object followed by eight NUL bytes, then the body; the response's
/// content type is <see cref="ContentType"/>.
/// </summary>
public sealed class HttpResponseStreamPrelude
{
    /// <summary>The content type that tells Lambda the stream starts with a prelude.</summary>
    public const string ContentType = "application/vnd.awslambda.http-integration-response";

    /// <summary>Lambda finds the end of the prelude by this run of NUL bytes.</summary>
    public const int DelimiterLength = 8;

    [JsonPropertyName("statusCode")]
    public int StatusCode { get; init; } = 200;

    [JsonPropertyName("headers")]
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Set-Cookie values, each sent as its own header (a dictionary cannot repeat a name).</summary>
    [JsonPropertyName("cookies")]
    public IReadOnlyList<string> Cookies { get; init; } = [];

    /// <summary>The prelude's wire bytes: the JSON object and the eight NUL delimiter bytes.</summary>
    public byte[] ToBytes()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(this, RuntimeJsonContext.Default.HttpResponseStreamPrelude);
        var bytes = new byte[json.Length + DelimiterLength];
        json.CopyTo(bytes, 0);
        return bytes;
    }
}
