using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Serverless.LocalBedrock.Jobs.Storage;

/// <summary>An <see cref="IObjectStore"/> in process memory: buckets need not be created, objects vanish with the process.</summary>
public sealed class InMemoryObjectStore : IObjectStore
{
    private readonly ConcurrentDictionary<S3ObjectUri, byte[]> _objects = new();

    public Task<byte[]?> GetAsync(S3ObjectUri uri, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_objects.TryGetValue(uri, out var bytes) ? bytes.ToArray() : null);
    }

    public Task PutAsync(S3ObjectUri uri, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _objects[uri] = content.ToArray();
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<S3ObjectUri> ListAsync(S3ObjectUri prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var matches = _objects.Keys
            .Where(k => k.Bucket == prefix.Bucket && k.Key.StartsWith(prefix.Key, StringComparison.Ordinal))
            .OrderBy(k => k.Key, StringComparer.Ordinal)
            .ToList();
        foreach (var uri in matches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return uri;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
