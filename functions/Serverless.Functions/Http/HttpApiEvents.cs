using System.Text.Json;

namespace Serverless.Functions.Http;

/// <summary>
/// Reads and writes payload 2.0 events. Event JSON may start with a UTF-8 byte order mark (several published samples
/// do); it is skipped. A malformed event is a <see cref="JsonException"/> naming where it broke.
/// </summary>
public static class HttpApiEvents
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static HttpApiRequest ParseRequest(ReadOnlySpan<byte> utf8Json)
        => JsonSerializer.Deserialize(WithoutBom(utf8Json), HttpApiJsonContext.Default.HttpApiRequest)
           ?? throw new JsonException("The HTTP API event is JSON null; expected an object.");

    public static HttpApiResponse ParseResponse(ReadOnlySpan<byte> utf8Json)
        => JsonSerializer.Deserialize(WithoutBom(utf8Json), HttpApiJsonContext.Default.HttpApiResponse)
           ?? throw new JsonException("The HTTP API response is JSON null; expected an object.");

    public static byte[] Serialize(HttpApiResponse response)
        => JsonSerializer.SerializeToUtf8Bytes(response, HttpApiJsonContext.Default.HttpApiResponse);

    public static byte[] Serialize(HttpApiRequest request)
        => JsonSerializer.SerializeToUtf8Bytes(request, HttpApiJsonContext.Default.HttpApiRequest);

    private static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> json) => json.StartsWith(Utf8Bom) ? json[Utf8Bom.Length..] : json;
}
