using Serverless.Functions.Http;

namespace Serverless.Functions.Streaming;

/// <summary><c>event: name\ndata: json\n\n</c> (text/event-stream).</summary>
internal sealed class SseEventWriter : StreamEventWriter
{
    public override string ContentType => ContentTypes.EventStream;

    protected override byte[] Frame(string name, ReadOnlySpan<byte> json)
        => Concat(Utf8("event: " + name + "\ndata: "), json.ToArray(), "\n\n"u8.ToArray());
}
