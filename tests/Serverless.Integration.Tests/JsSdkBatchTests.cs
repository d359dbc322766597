using System.Text.Json.Nodes;
using Serverless.LocalBedrock.Jobs;
using Serverless.TestSupport;

namespace Serverless.Integration.Tests;

/// <summary>
/// Batch inference through the official JS SDK's control-plane client (BedrockClient, HTTP/1.1, signed): the
/// real 105-record file runs to Completed with Bedrock-shaped output; stop, too-small input and idempotency behave
/// as Bedrock documents.
/// </summary>
public sealed class JsSdkBatchTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static JsSdkCall Create(string jobName, string inputUri, string outputUri, string? clientRequestToken = null)
    {
        var input = new JsonObject
        {
            ["jobName"] = jobName,
            ["roleArn"] = BatchInput.RoleArn,
            ["modelId"] = BatchInput.ModelId,
            ["inputDataConfig"] = new JsonObject { ["s3InputDataConfig"] = new JsonObject { ["s3Uri"] = inputUri, ["s3InputFormat"] = "JSONL" } },
            ["outputDataConfig"] = new JsonObject { ["s3OutputDataConfig"] = new JsonObject { ["s3Uri"] = outputUri } },
        };
        if (clientRequestToken is not null)
        {
            input["clientRequestToken"] = clientRequestToken;
        }

        return JsSdkCall.Control("CreateModelInvocationJob", input);
    }

    private static JsSdkCall Get(string jobArn) => JsSdkCall.Control("GetModelInvocationJob", new JsonObject { ["jobIdentifier"] = jobArn });

    private static string Ok(JsSdkResult result, string member)
    {
        Assert.True(result.Ok, result.ToString());
        return (string)result.Output[member]!;
    }

    [Fact]
    public async Task Real_105_record_job_completes_and_get_list_and_output_match_bedrock()
    {
        await using var server = await SignedServer.StartAsync();
        await server.PutRealFileAsync("s3://batch-in/calls/input.jsonl", Token);
        var sdk = server.JsSdk();

        var arn = Ok(await sdk.RunAsync(Create("call-summaries-1", "s3://batch-in/calls/input.jsonl", "s3://batch-out/results/"), Token), "jobArn");
        Assert.Matches("^arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/[a-z0-9]{12}$", arn);
        await server.Jobs.WaitForJobStatusAsync(arn, "Completed", Token);

        var results = await sdk.RunAsync(
        [
            Get(arn),
            JsSdkCall.Control("ListModelInvocationJobs", new JsonObject { ["nameContains"] = "call-summaries", ["statusEquals"] = "Completed" }),
            JsSdkCall.Control("ListModelInvocationJobs", new JsonObject { ["statusEquals"] = "InProgress" }),
        ], Token);
        Assert.All(results, r => Assert.True(r.Ok, r.ToString()));

        var job = results[0].Output;
        Assert.Equal(arn, (string?)job["jobArn"]);
        Assert.Equal("call-summaries-1", (string?)job["jobName"]);
        Assert.Equal("Completed", (string?)job["status"]);
        Assert.Equal(BatchInput.ModelId, (string?)job["modelId"]);
        Assert.Equal(BatchInput.RoleArn, (string?)job["roleArn"]);
        Assert.Equal("s3://batch-out/results/", (string?)job["outputDataConfig"]!["s3OutputDataConfig"]!["s3Uri"]);
        Assert.NotNull(job["submitTime"]);
        Assert.NotNull(job["endTime"]);

        var listed = Assert.Single(results[1].Output["invocationJobSummaries"]!.AsArray())!;
        Assert.Equal(arn, (string?)listed["jobArn"]);
        Assert.Empty(results[2].Output["invocationJobSummaries"]?.AsArray() ?? []);

        await server.AssertCompleteOutputAsync("s3://batch-out/results/", arn, Token);
    }

    [Fact]
    public async Task Stop_on_a_job_held_in_a_phase_ends_Stopped()
    {
        // Scheduled lasts an hour of the system clock, so the job is surely still there when the stop arrives;
        // nothing waits for that hour: the stop ends it and disposing the server cancels the timer.
        await using var server = await SignedServer.StartAsync(s => s.Jobs = new LocalJobsOptions { Phases = new BatchPhaseDurations { Scheduled = TimeSpan.FromHours(1) } });
        await server.PutRealFileAsync("s3://batch-in/input.jsonl", Token);
        var sdk = server.JsSdk();

        var arn = Ok(await sdk.RunAsync(Create("held-job", "s3://batch-in/input.jsonl", "s3://batch-out/"), Token), "jobArn");
        await server.Jobs.WaitForJobStatusAsync(arn, "Scheduled", Token);

        var results = await sdk.RunAsync([JsSdkCall.Control("StopModelInvocationJob", new JsonObject { ["jobIdentifier"] = arn }), Get(arn)], Token);
        Assert.True(results[0].Ok, results[0].ToString());
        await server.Jobs.WaitForJobStatusAsync(arn, "Stopped", Token);

        var after = await sdk.RunAsync([Get(arn), JsSdkCall.Control("StopModelInvocationJob", new JsonObject { ["jobIdentifier"] = arn })], Token);
        Assert.Equal("Stopped", Ok(after[0], "status"));
        Assert.Contains(Ok(results[1], "status"), new[] { "Stopping", "Stopped" });
        Assert.Equal("ConflictException", after[1].ErrorName);
        Assert.Equal(["Submitted", "Validating", "Scheduled", "Stopping", "Stopped"], server.Jobs.GetJobStatusHistory(arn));
    }

    [Fact]
    public async Task Job_with_fewer_than_100_records_fails_with_a_message()
    {
        await using var server = await SignedServer.StartAsync();
        await server.PutFirstRecordsAsync("s3://batch-in/small.jsonl", 20, Token);
        var sdk = server.JsSdk();

        var arn = Ok(await sdk.RunAsync(Create("small-job", "s3://batch-in/small.jsonl", "s3://batch-out/"), Token), "jobArn");
        await server.Jobs.WaitForJobStatusAsync(arn, "Failed", Token);

        var job = (await sdk.RunAsync(Get(arn), Token)).Output;
        Assert.Equal("Failed", (string?)job["status"]);
        Assert.Contains("20 records", (string?)job["message"]);
        Assert.Contains("at least 100", (string?)job["message"]);
    }

    [Fact]
    public async Task Same_client_request_token_returns_the_same_job()
    {
        await using var server = await SignedServer.StartAsync();
        await server.PutRealFileAsync("s3://batch-in/input.jsonl", Token);

        var results = await server.JsSdk().RunAsync(
        [
            Create("idempotent-job", "s3://batch-in/input.jsonl", "s3://batch-out/", "token-0001"),
            Create("idempotent-job", "s3://batch-in/input.jsonl", "s3://batch-out/", "token-0001"),
            Create("idempotent-job", "s3://batch-in/input.jsonl", "s3://batch-out/", "token-0002"),
            JsSdkCall.Control("ListModelInvocationJobs", new JsonObject { ["nameContains"] = "idempotent" }),
        ], Token);

        var first = Ok(results[0], "jobArn");
        Assert.Equal(first, Ok(results[1], "jobArn"));
        Assert.NotEqual(first, Ok(results[2], "jobArn"));
        Assert.Equal(2, results[3].Output["invocationJobSummaries"]!.AsArray().Count);
    }
}
