using Amazon.S3;
using Amazon.S3.Model;
using S3Location = Serverless.Batch.Storage.S3Location;

namespace Serverless.Functions.Handlers.Batches;

/// <summary>
/// Time-limited download links to results files, so a caller can fetch its batch's results without any S3 permission
/// of its own (the link carries the function's).
/// </summary>
public interface IBatchResultsLinks
{
    /// <summary>A GET link to the object, valid until <paramref name="expiresAt"/>.</summary>
    Task<Uri> DownloadUrlAsync(S3Location location, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}

/// <summary>
/// S3 presigned GET URLs (SigV4, computed locally: no request is sent). The link works while it has not expired and
/// the credentials that signed it are valid: a Lambda role's session credentials can end sooner than the link's time,
/// so links are kept short (<see cref="BatchStatusLookup"/>: one hour).
/// </summary>
public sealed class S3BatchResultsLinks(IAmazonS3 client) : IBatchResultsLinks
{
    public async Task<Uri> DownloadUrlAsync(S3Location location, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var url = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = location.Bucket,
            Key = location.Key,
            Verb = HttpVerb.GET,
            Expires = expiresAt.UtcDateTime,
        }).ConfigureAwait(false);
        return new Uri(url);
    }
}
