namespace Serverless.LocalBedrock.Jobs.Storage;

/// <summary>
/// The slice of S3 the jobs engine needs: read the batch input, list an input prefix, write outputs.
/// Injected so tests run against memory and the local stack against S3 (or s3rver).
/// </summary>
public interface IObjectStore
{
    /// <summary>The object's bytes, or null when no object has that key.</summary>
    Task<byte[]?> GetAsync(S3ObjectUri uri, CancellationToken cancellationToken);

    /// <summary>Creates or replaces the object.</summary>
    Task PutAsync(S3ObjectUri uri, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The URIs of all objects whose key starts with the prefix's key, in key order.</summary>
    IAsyncEnumerable<S3ObjectUri> ListAsync(S3ObjectUri prefix, CancellationToken cancellationToken);
}
