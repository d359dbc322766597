using Amazon.Runtime;
using Amazon.S3;

namespace Serverless.LocalBedrock.Hosting;

/// <summary>An S3 client for an S3-compatible server on a URL (s3rver, MinIO): path-style addressing, credentials from the environment or local placeholders.</summary>
public static class S3CompatibleStore
{
    public static AmazonS3Client CreateClient(Uri endpoint)
    {
        var accessKey = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? "S3RVER";
        var secretKey = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? "S3RVER";
        return new AmazonS3Client(new BasicAWSCredentials(accessKey, secretKey), new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
        });
    }
}
