using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Serverless.Batch.Storage;

/// <summary>Objects in process memory: tests, benchmarks and local runs without an S3-compatible server.</summary>
public sealed class InMemoryBatchObjectStore : IBatchObjectStore
{
    private readonly ConcurrentDictionary<S3Location, ReadOnlyMemory<byte>> _objects = new();

    public Task<Stream?> OpenReadAsync(S3Location location, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Stream? stream = _objects.TryGetValue(location, out var bytes) ? new ReadOnlyMemoryStream(bytes) : null;
        return Task.FromResult(stream);
    }

    public Task PutAsync(S3Location location, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _objects[location] = content.ToArray();
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<S3Location> ListAsync(S3Location prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var matches = _objects.Keys
            .Where(k => k.IsUnder(prefix))
            .OrderBy(k => k.Key, StringComparer.Ordinal)
            .ToList();
        foreach (var location in matches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return location;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>A read-only stream over memory without copying it.</summary>
    private sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> content) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => content.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(buffer.Length, content.Length - _position);
            content.Span.Slice(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
