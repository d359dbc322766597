using Amazon.S3.Model;
using Serverless.LocalBedrock.Jobs.Batch;
using Serverless.LocalBedrock.Jobs.Storage;
using Serverless.TestSupport;

namespace Serverless.LocalBedrock.Jobs.Tests;

/// <summary>The S3-backed object store and a whole batch job against a real S3 API (s3rver on loopback).</summary>
public sealed class S3ObjectStoreTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    private async Task<string> NewBucketAsync() => await s3.CreateBucketAsync("b" + Guid.NewGuid().ToString("N")[..20], TestContext.Current.CancellationToken);

    [Fact]
    public async Task Objects_round_trip_byte_for_byte_and_list_by_prefix()
    {
        var bucket = await NewBucketAsync();
        var store = new S3ObjectStore(s3.Client);
        var token = TestContext.Current.CancellationToken;
        var binary = new byte[300_000];
        new Random(7).NextBytes(binary);
        var text = "{\"recordId\":\"a\"}\r\n\u00e9\u4e2d\n"u8.ToArray();

        await store.PutAsync(new S3ObjectUri(bucket, "in/blob.bin"), binary, token);
        await store.PutAsync(new S3ObjectUri(bucket, "in/sub/text.jsonl"), text, token);
        await store.PutAsync(new S3ObjectUri(bucket, "other/x.jsonl"), "x"u8.ToArray(), token);

        Assert.Equal(binary, await store.GetAsync(new S3ObjectUri(bucket, "in/blob.bin"), token));
        Assert.Equal(text, await store.GetAsync(new S3ObjectUri(bucket, "in/sub/text.jsonl"), token));
        Assert.Null(await store.GetAsync(new S3ObjectUri(bucket, "in/missing"), token));

        // The stored object itself, read with the plain client, holds no aws-chunked framing.
        using var raw = await s3.Client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "in/sub/text.jsonl" }, token);
        Assert.Equal(text.Length, raw.ContentLength);

        var listed = new List<string>();
        await foreach (var uri in store.ListAsync(new S3ObjectUri(bucket, "in/"), token))
        {
            listed.Add(uri.ToString());
        }

        Assert.Equal([$"s3://{bucket}/in/blob.bin", $"s3://{bucket}/in/sub/text.jsonl"], listed);
    }

    [Fact]
    public async Task A_batch_job_over_s3rver_writes_the_same_bytes_as_over_memory()
    {
        var bucket = await NewBucketAsync();
        var token = TestContext.Current.CancellationToken;
        var options = new LocalJobsOptions { Seed = 9, Faults = new JobFaultOptions { FailedRecordRate = 0.1 } };
        var input = File.ReadAllBytes(JobsHarness.FixtureInputPath);

        var viaS3 = await RunAsync(new S3ObjectStore(s3.Client), bucket);
        var viaMemory = await RunAsync(new InMemoryObjectStore(), bucket);

        Assert.Equal(viaMemory.Output, viaS3.Output);
        Assert.Equal(viaMemory.Manifest, viaS3.Manifest);
        Assert.Equal(105, viaS3.Output.Count(b => b == (byte)'\n'));

        async Task<(byte[] Output, byte[] Manifest)> RunAsync(IObjectStore store, string bucketName)
        {
            await store.PutAsync(new S3ObjectUri(bucketName, "input/input.jsonl"), input, token);
            await using var harness = new JobsHarness(options, store);
            var request = JobsHarness.JobRequest("s3rver-run", $"s3://{bucketName}/input/input.jsonl") with
            {
                OutputDataConfig = new Wire.ModelInvocationJobOutputDataConfig { S3OutputDataConfig = new Wire.ModelInvocationJobS3OutputDataConfig { S3Uri = $"s3://{bucketName}/results" } },
            };
            var arn = harness.Service.CreateModelInvocationJob(request).JobArn;
            await harness.WaitForAsync(arn, BatchJobStatus.PartiallyCompleted);
            var folder = $"results/{JobsHarness.JobId(arn)}/";
            return (
                (await store.GetAsync(new S3ObjectUri(bucketName, folder + "input.jsonl.out"), token))!,
                (await store.GetAsync(new S3ObjectUri(bucketName, folder + "manifest.json.out"), token))!);
        }
    }
}
