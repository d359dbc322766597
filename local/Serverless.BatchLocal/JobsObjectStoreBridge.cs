using System.Runtime.CompilerServices;
using Serverless.Batch.Storage;
using Serverless.LocalBedrock.Jobs.Storage;

namespace Serverless.BatchLocal;

/// <summary>The steps' object store over the local Bedrock's, so both see the same shards and job outputs (memory or s3rver).</summary>
public sealed class JobsObjectStoreBridge(IObjectStore inner) : IBatchObjectStore
{
    public async Task<Stream?> OpenReadAsync(S3Location location, CancellationToken cancellationToken)
    {
        var bytes = await inner.GetAsync(Convert(location), cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : new MemoryStream(bytes, writable: false);
    }

    public Task PutAsync(S3Location location, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
        => inner.PutAsync(Convert(location), content, cancellationToken);

    public async IAsyncEnumerable<S3Location> ListAsync(S3Location prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var uri in inner.ListAsync(Convert(prefix), cancellationToken).ConfigureAwait(false))
        {
            yield return new S3Location(uri.Bucket, uri.Key);
        }
    }

    private static S3ObjectUri Convert(S3Location location) => new(location.Bucket, location.Key);
}
