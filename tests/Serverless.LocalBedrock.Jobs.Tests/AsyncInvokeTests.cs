using System.Net;
using System.Text;
using System.Text.Json;
using Serverless.LocalBedrock.Jobs.AsyncInvoke;
using Serverless.LocalBedrock.Jobs.Contracts;
using Serverless.LocalBedrock.Jobs.Wire;

namespace Serverless.LocalBedrock.Jobs.Tests;

public sealed class AsyncInvokeTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static StartAsyncInvokeRequest Request(string? token = null, string text = "hello") => new()
    {
        ClientRequestToken = token,
        ModelId = FakeModelInvoker.Nova,
        ModelInput = JobsHarness.Parse($$"""{"messages":[{"role":"user","content":[{"text":"{{text}}"}]}]}"""),
        OutputDataConfig = new AsyncInvokeOutputDataConfig { S3OutputDataConfig = new AsyncInvokeS3OutputDataConfig { S3Uri = "s3://out-bucket/async" } },
    };

    private static Task WaitAsync(JobsHarness harness, string arn, string status)
        => harness.Service.WaitForAsyncInvokeStatusAsync(arn, status, TestContext.Current.CancellationToken).WaitAsync(JobsHarness.WaitLimit, TestContext.Current.CancellationToken);

    [Fact]
    public async Task An_invocation_runs_in_the_background_and_writes_its_output_under_its_id()
    {
        await using var harness = new JobsHarness(new LocalJobsOptions { AsyncInvokeDuration = Hour });
        var start = harness.Time.GetUtcNow();
        var arn = harness.Service.StartAsyncInvoke(Request()).InvocationArn;
        Assert.Matches("^arn:aws:bedrock:us-east-1:123456789012:async-invoke/[a-z0-9]{12}$", arn);

        var running = harness.Service.GetAsyncInvoke(arn);
        Assert.Equal((AsyncInvokeStatus.InProgress, start, (DateTimeOffset?)null), (running.Status, running.SubmitTime, running.EndTime));
        Assert.Equal($"arn:aws:bedrock:us-east-1::foundation-model/{FakeModelInvoker.Nova}", running.ModelArn);

        harness.Time.Advance(Hour);
        await WaitAsync(harness, arn, AsyncInvokeStatus.Completed);

        var done = harness.Service.GetAsyncInvoke(arn);
        Assert.Equal(start + Hour, done.EndTime);
        Assert.Equal(done.EndTime, done.LastModifiedTime);
        Assert.Null(done.FailureMessage);
        Assert.Equal("s3://out-bucket/async", done.OutputDataConfig.S3OutputDataConfig!.S3Uri);
        var output = await harness.ReadTextAsync($"s3://out-bucket/async/{arn[^12..]}/output.json");
        Assert.Equal(FakeModelInvoker.Answer(Request().ModelInput!.Value).ModelOutput!.Value.GetRawText(), output);
    }

    [Fact]
    public async Task An_invoker_error_ends_the_invocation_Failed_with_its_message()
    {
        await using var harness = new JobsHarness();
        harness.Invoker.Respond = (_, _) => ValueTask.FromResult(new ModelInvocationResult(null, 0, 0, 400, "Malformed input request: #: required key [schemaVersion] not found"));
        var arn = harness.Service.StartAsyncInvoke(Request()).InvocationArn;
        await WaitAsync(harness, arn, AsyncInvokeStatus.Failed);

        var failed = harness.Service.GetAsyncInvoke(arn);
        Assert.Contains("required key [schemaVersion] not found", failed.FailureMessage, StringComparison.Ordinal);
        Assert.NotNull(failed.EndTime);
        Assert.Null(await harness.ReadTextAsync($"s3://out-bucket/async/{arn[^12..]}/output.json"));
    }

    [Fact]
    public async Task An_injected_failure_rate_of_one_fails_every_invocation()
    {
        await using var harness = new JobsHarness(new LocalJobsOptions { Faults = new JobFaultOptions { FailedAsyncInvokeRate = 1 } });
        var arn = harness.Service.StartAsyncInvoke(Request()).InvocationArn;
        await WaitAsync(harness, arn, AsyncInvokeStatus.Failed);
        Assert.Equal(0, harness.Invoker.Calls);
    }

    [Fact]
    public async Task The_same_clientRequestToken_returns_the_same_invocation()
    {
        await using var harness = new JobsHarness();
        var first = harness.Service.StartAsyncInvoke(Request(token: "video-42")).InvocationArn;
        Assert.Equal(first, harness.Service.StartAsyncInvoke(Request(token: "video-42")).InvocationArn);
        Assert.Equal("ConflictException", Assert.Throws<JobsApiException>(() => harness.Service.StartAsyncInvoke(Request(token: "video-42", text: "changed"))).ErrorType);
        await WaitAsync(harness, first, AsyncInvokeStatus.Completed);
        Assert.Equal(1, harness.Invoker.Calls);
    }

    [Fact]
    public async Task Listing_filters_by_status_and_time_and_pages_over_HTTP()
    {
        await using var harness = new JobsHarness(new LocalJobsOptions { AsyncInvokeDuration = Hour });
        var arns = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            arns.Add(harness.Service.StartAsyncInvoke(Request(text: "n" + i)).InvocationArn);
            harness.Time.Advance(TimeSpan.FromMinutes(20));
        }

        // The first three have run their hour by now (100 minutes passed), the last two have not.
        foreach (var finished in arns[..3])
        {
            await WaitAsync(harness, finished, AsyncInvokeStatus.Completed);
        }

        await using var host = await JobsHttpHost.StartAsync(harness.Service);

        var inProgress = await GetAsync(host, "/async-invoke?statusEquals=InProgress");
        Assert.Equal(arns[3..].AsEnumerable().Reverse(), Arns(inProgress));
        var window = await GetAsync(host, "/async-invoke?sortBy=SubmissionTime&sortOrder=Ascending&submitTimeAfter=2026-01-01T00:10:00Z&submitTimeBefore=2026-01-01T01:10:00Z");
        Assert.Equal(arns[1..4], Arns(window));

        var collected = new List<string>();
        string? token = null;
        do
        {
            var page = await GetAsync(host, "/async-invoke?maxResults=2&sortOrder=Ascending" + (token is null ? "" : "&nextToken=" + Uri.EscapeDataString(token)));
            collected.AddRange(Arns(page));
            token = page.TryGetProperty("nextToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        Assert.Equal(arns, collected);

        var one = await GetAsync(host, "/async-invoke/" + Uri.EscapeDataString(arns[0]));
        Assert.Equal("Completed", one.GetProperty("status").GetString());
        Assert.Equal("2026-01-01T00:00:00.000Z", one.GetProperty("submitTime").GetString());
        Assert.Equal("2026-01-01T01:00:00.000Z", one.GetProperty("endTime").GetString());

        using var start = await host.Client.PostAsync(
            "/async-invoke",
            new StringContent("""{"clientRequestToken":"abc","modelId":"amazon.nova-lite-v1:0","modelInput":{"messages":[]},"outputDataConfig":{"s3OutputDataConfig":{"s3Uri":"s3://out-bucket/async"}}}""", Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Matches("async-invoke/[a-z0-9]{12}$", JobsHarness.Parse(await start.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).GetProperty("invocationArn").GetString()!);

        static IEnumerable<string> Arns(JsonElement list) => list.GetProperty("asyncInvokeSummaries").EnumerateArray().Select(s => s.GetProperty("invocationArn").GetString()!).ToList();
    }

    private static async Task<JsonElement> GetAsync(JobsHttpHost host, string path)
    {
        using var response = await host.Client.GetAsync(path, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JobsHarness.Parse(text);
    }
}
