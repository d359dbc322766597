using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;

namespace Serverless.Batch.Storage;

/// <summary>The object store over the S3 API (AWS, or s3rver locally).</summary>
public sealed class S3BatchObjectStore(IAmazonS3 s3) : IBatchObjectStore
{
    public async Task<Stream?> OpenReadAsync(S3Location location, CancellationToken cancellationToken)
    {
        try
        {
            var response = await s3.GetObjectAsync(location.Bucket, location.Key, cancellationToken).ConfigureAwait(false);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task PutAsync(S3Location location, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(content.ToArray(), writable: false);
        var request = new PutObjectRequest
        {
            BucketName = location.Bucket,
            Key = location.Key,
            InputStream = body,
            AutoCloseStream = false,
            // Over plain HTTP the SDK otherwise sends aws-chunked framing, which s3rver would store inside the object.
            UseChunkEncoding = false,
        };
        await s3.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<S3Location> ListAsync(S3Location prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = prefix.Bucket, Prefix = prefix.Key };
        while (true)
        {
            var response = await s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in response.S3Objects ?? [])
            {
                yield return new S3Location(prefix.Bucket, item.Key);
            }

            if (response.IsTruncated != true)
            {
                yield break;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
    }
}
