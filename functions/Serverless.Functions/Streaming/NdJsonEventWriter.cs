using System.Text.Json;
using Serverless.Functions.Http;

namespace Serverless.Functions.Streaming;

/// <summary><c>{"name":json}\n</c> (application/x-ndjson): the event-type union the AWS SDKs use.</summary>
internal sealed class NdJsonEventWriter : StreamEventWriter
{
    public override string ContentType => ContentTypes.NdJson;

    protected override byte[] Frame(string name, ReadOnlySpan<byte> json)
    {
        if (name == "error")
        {
            // The error document is already {"error":{...}}.
            return Concat(json.ToArray(), "\n"u8.ToArray());
        }

        return Concat(Utf8("{" + JsonSerializer.Serialize(name, Json.FunctionsJsonContext.Default.String) + ":"), json.ToArray(), "}\n"u8.ToArray());
    }
}
