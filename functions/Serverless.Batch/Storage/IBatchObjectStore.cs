namespace Serverless.Batch.Storage;

/// <summary>The slice of S3 the steps need: stream an object in, write one, list a prefix.</summary>
public interface IBatchObjectStore
{
    /// <summary>The object's content as a stream, or null when there is no such object.</summary>
    Task<Stream?> OpenReadAsync(S3Location location, CancellationToken cancellationToken);

    /// <summary>Creates or replaces the object (so a retried step that writes the same file leaves one copy).</summary>
    Task PutAsync(S3Location location, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Objects whose key starts with the prefix's key, in key order.</summary>
    IAsyncEnumerable<S3Location> ListAsync(S3Location prefix, CancellationToken cancellationToken);
}
