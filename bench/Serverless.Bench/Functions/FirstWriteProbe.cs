using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Serverless.Bench.Functions;

/// <summary>
/// Records when the local Bedrock writes the first byte of a response body (its first event frame), on the same
/// Stopwatch clock the client reads: the start of the relay measurement. Requests run one at a time, so the latest
/// timestamp belongs to the request in flight.
/// </summary>
internal sealed class FirstWriteProbe
{
    private long _firstWrite;

    public long Take() => Interlocked.Exchange(ref _firstWrite, 0);

    /// <summary>Wraps every response body of the app (pass as LocalBedrockServerOptions.MapEndpoints).</summary>
    public void Install(WebApplication app) => app.Use(async (context, next) =>
    {
        context.Response.Body = new TimingStream(context.Response.Body, this);
        await next(context);
    });

    private sealed class TimingStream(Stream inner, FirstWriteProbe probe) : Stream
    {
        private bool _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Mark();
            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Mark();
            return inner.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Mark();
            inner.Write(buffer, offset, count);
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private void Mark()
        {
            if (!_written)
            {
                _written = true;
                Interlocked.Exchange(ref probe._firstWrite, Stopwatch.GetTimestamp());
            }
        }
    }
}
