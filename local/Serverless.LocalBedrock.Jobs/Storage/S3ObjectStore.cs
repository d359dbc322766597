using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;

namespace Serverless.LocalBedrock.Jobs.Storage;

/// <summary>An <see cref="IObjectStore"/> over an S3 API (AWS, or s3rver for local runs and tests).</summary>
public sealed class S3ObjectStore(IAmazonS3 s3) : IObjectStore
{
    public async Task<byte[]?> GetAsync(S3ObjectUri uri, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(uri.Bucket, uri.Key, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task PutAsync(S3ObjectUri uri, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(content.ToArray(), writable: false);
        var request = new PutObjectRequest
        {
            BucketName = uri.Bucket,
            Key = uri.Key,
            InputStream = body,
            AutoCloseStream = false,
            // Over plain HTTP the SDK otherwise sends aws-chunked framing, which s3rver stores verbatim inside the object.
            UseChunkEncoding = false,
        };
        await s3.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<S3ObjectUri> ListAsync(S3ObjectUri prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = prefix.Bucket, Prefix = prefix.Key };
        while (true)
        {
            var response = await s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in response.S3Objects ?? [])
            {
                yield return new S3ObjectUri(prefix.Bucket, item.Key);
            }

            if (response.IsTruncated != true)
            {
                yield break;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
    }
}
