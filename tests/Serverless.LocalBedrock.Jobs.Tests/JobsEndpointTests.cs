using System.Net;
using System.Text;
using System.Text.Json;
using Serverless.LocalBedrock.Jobs.Batch;

namespace Serverless.LocalBedrock.Jobs.Tests;

public sealed class JobsEndpointTests
{
    private const string IsoTimestamp = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$";

    private static string CreateBody(string name, string? token = null, string input = "s3://batch-bucket/input/input.jsonl") => $$$"""
        {"jobName":"{{{name}}}","roleArn":"{{{JobsHarness.RoleArn}}}",{{{(token is null ? "" : $"\"clientRequestToken\":\"{token}\",")}}}
         "modelId":"{{{FakeModelInvoker.Claude}}}",
         "inputDataConfig":{"s3InputDataConfig":{"s3Uri":"{{{input}}}","s3InputFormat":"JSONL"}},
         "outputDataConfig":{"s3OutputDataConfig":{"s3Uri":"s3://batch-bucket/output/"}},
         "vpcConfig":{"subnetIds":["subnet-1"],"securityGroupIds":["sg-1"]},
         "timeoutDurationInHours":72}
        """;

    private static async Task<(HttpStatusCode Status, string? ErrorType, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.Single() : null;
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, errorType, JobsHarness.Parse(text));
    }

    [Fact]
    public async Task A_job_is_created_read_by_encoded_arn_and_by_id_and_stopped_over_HTTP()
    {
        await using var harness = new JobsHarness(new LocalJobsOptions { Phases = new BatchPhaseDurations { Submitted = TimeSpan.FromHours(1), Stopping = TimeSpan.FromHours(1) } });
        await harness.PutFixtureInputAsync();
        await using var host = await JobsHttpHost.StartAsync(harness.Service);

        var created = await SendAsync(host.Client, HttpMethod.Post, "/model-invocation-job", CreateBody("http-job", token: "token-1"));
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var arn = created.Body.GetProperty("jobArn").GetString()!;

        // The SDKs percent-encode the whole ARN in the path (':' as %3A, '/' as %2F).
        var encoded = Uri.EscapeDataString(arn);
        Assert.Contains("%2F", encoded, StringComparison.Ordinal);
        var byArn = await SendAsync(host.Client, HttpMethod.Get, "/model-invocation-job/" + encoded);
        var byId = await SendAsync(host.Client, HttpMethod.Get, "/model-invocation-job/" + JobsHarness.JobId(arn));
        var byRawArn = await SendAsync(host.Client, HttpMethod.Get, "/model-invocation-job/" + arn);
        Assert.Equal(HttpStatusCode.OK, byArn.Status);
        Assert.Equal(byArn.Body.GetRawText(), byId.Body.GetRawText());
        Assert.Equal(byArn.Body.GetRawText(), byRawArn.Body.GetRawText());

        var job = byArn.Body;
        Assert.Equal(arn, job.GetProperty("jobArn").GetString());
        Assert.Equal("http-job", job.GetProperty("jobName").GetString());
        Assert.Equal(FakeModelInvoker.Claude, job.GetProperty("modelId").GetString());
        Assert.Equal("token-1", job.GetProperty("clientRequestToken").GetString());
        Assert.Equal(JobsHarness.RoleArn, job.GetProperty("roleArn").GetString());
        Assert.Equal("Submitted", job.GetProperty("status").GetString());
        Assert.Matches(IsoTimestamp, job.GetProperty("submitTime").GetString()!);
        Assert.Matches(IsoTimestamp, job.GetProperty("lastModifiedTime").GetString()!);
        Assert.Matches(IsoTimestamp, job.GetProperty("jobExpirationTime").GetString()!);
        Assert.Equal("2026-01-01T00:00:00.000Z", job.GetProperty("submitTime").GetString());
        Assert.Equal("2026-01-04T00:00:00.000Z", job.GetProperty("jobExpirationTime").GetString());
        Assert.Equal("s3://batch-bucket/input/input.jsonl", job.GetProperty("inputDataConfig").GetProperty("s3InputDataConfig").GetProperty("s3Uri").GetString());
        Assert.Equal("s3://batch-bucket/output/", job.GetProperty("outputDataConfig").GetProperty("s3OutputDataConfig").GetProperty("s3Uri").GetString());
        Assert.Equal("subnet-1", job.GetProperty("vpcConfig").GetProperty("subnetIds")[0].GetString());
        Assert.Equal(72, job.GetProperty("timeoutDurationInHours").GetInt32());
        Assert.False(job.TryGetProperty("endTime", out _));

        var stopped = await SendAsync(host.Client, HttpMethod.Post, $"/model-invocation-job/{encoded}/stop");
        Assert.Equal(HttpStatusCode.OK, stopped.Status);
        Assert.Equal("{}", stopped.Body.GetRawText());
        var again = await SendAsync(host.Client, HttpMethod.Post, $"/model-invocation-job/{JobsHarness.JobId(arn)}/stop");
        Assert.Equal((HttpStatusCode.BadRequest, "ConflictException"), (again.Status, again.ErrorType));
        harness.Time.Advance(TimeSpan.FromHours(1));
        await harness.WaitForAsync(arn, BatchJobStatus.Stopped);
        var ended = await SendAsync(host.Client, HttpMethod.Get, "/model-invocation-job/" + encoded);
        Assert.Equal("Stopped", ended.Body.GetProperty("status").GetString());
        Assert.Equal("2026-01-01T01:00:00.000Z", ended.Body.GetProperty("endTime").GetString());

        var missing = await SendAsync(host.Client, HttpMethod.Get, "/model-invocation-job/abcdefabcdef");
        Assert.Equal((HttpStatusCode.NotFound, "ResourceNotFoundException"), (missing.Status, missing.ErrorType));
        Assert.Contains("abcdefabcdef", missing.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Idempotent_create_quota_and_listing_work_over_HTTP()
    {
        await using var harness = new JobsHarness(new LocalJobsOptions { MaxActiveJobsPerModel = 2, Phases = new BatchPhaseDurations { Submitted = TimeSpan.FromHours(1) } });
        await harness.PutFixtureInputAsync();
        await using var host = await JobsHttpHost.StartAsync(harness.Service);

        var first = await SendAsync(host.Client, HttpMethod.Post, "/model-invocation-job", CreateBody("alpha", token: "same"));
        var retry = await SendAsync(host.Client, HttpMethod.Post, "/model-invocation-job", CreateBody("alpha", token: "same"));
        Assert.Equal(first.Body.GetProperty("jobArn").GetString(), retry.Body.GetProperty("jobArn").GetString());
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await SendAsync(host.Client, HttpMethod.Post, "/model-invocation-job", CreateBody("beta"));
        Assert.Equal(HttpStatusCode.OK, second.Status);
        var refused = await SendAsync(host.Client, HttpMethod.Post, "/model-invocation-job", CreateBody("gamma"));
        Assert.Equal((HttpStatusCode.BadRequest, "ServiceQuotaExceededException"), (refused.Status, refused.ErrorType));

        var page1 = await SendAsync(host.Client, HttpMethod.Get, "/model-invocation-jobs?maxResults=1&sortBy=CreationTime&sortOrder=Ascending");
        Assert.Equal("alpha", page1.Body.GetProperty("invocationJobSummaries")[0].GetProperty("jobName").GetString());
        var token = page1.Body.GetProperty("nextToken").GetString()!;
        var page2 = await SendAsync(host.Client, HttpMethod.Get, $"/model-invocation-jobs?maxResults=1&sortOrder=Ascending&nextToken={Uri.EscapeDataString(token)}");
        Assert.Equal("beta", page2.Body.GetProperty("invocationJobSummaries")[0].GetProperty("jobName").GetString());
        Assert.False(page2.Body.TryGetProperty("nextToken", out _));

        var named = await SendAsync(host.Client, HttpMethod.Get, "/model-invocation-jobs?nameContains=bet&statusEquals=Submitted");
        Assert.Equal(["beta"], named.Body.GetProperty("invocationJobSummaries").EnumerateArray().Select(j => j.GetProperty("jobName").GetString()));
        var after = await SendAsync(host.Client, HttpMethod.Get, "/model-invocation-jobs?submitTimeAfter=" + Uri.EscapeDataString("2026-01-01T00:01:00Z"));
        Assert.Equal(["beta"], after.Body.GetProperty("invocationJobSummaries").EnumerateArray().Select(j => j.GetProperty("jobName").GetString()));
        var before = await SendAsync(host.Client, HttpMethod.Get, "/model-invocation-jobs?submitTimeBefore=1767225660");
        Assert.Equal(["alpha"], before.Body.GetProperty("invocationJobSummaries").EnumerateArray().Select(j => j.GetProperty("jobName").GetString()));
    }

    public static TheoryData<string, string, string> BadRequests() => new()
    {
        { "POST", "/model-invocation-job", "{\"jobName\": " },
        { "POST", "/model-invocation-job", "[1,2]" },
        { "POST", "/model-invocation-job", "" },
        { "POST", "/model-invocation-job", CreateBody("x").Replace("\"jobName\":\"x\"", "\"jobName\":\"bad name!\"", StringComparison.Ordinal) },
        { "POST", "/model-invocation-job", CreateBody("x").Replace("\"jobName\":\"x\"", "\"jobName\":42", StringComparison.Ordinal) },
        { "POST", "/model-invocation-job", CreateBody("x").Replace(JobsHarness.RoleArn, "not-a-role", StringComparison.Ordinal) },
        { "POST", "/model-invocation-job", CreateBody("x").Replace(FakeModelInvoker.Claude, "unknown.model-v1:0", StringComparison.Ordinal) },
        { "POST", "/model-invocation-job", CreateBody("x", input: "https://example.com/input.jsonl") },
        { "POST", "/model-invocation-job", CreateBody("x").Replace("\"s3OutputDataConfig\":{\"s3Uri\":\"s3://batch-bucket/output/\"}", "\"s3OutputDataConfig\":{}", StringComparison.Ordinal) },
        { "POST", "/model-invocation-job", CreateBody("x").Replace("72", "12", StringComparison.Ordinal) },
        { "POST", "/model-invocation-job", CreateBody("x").Replace("72", "\"a day\"", StringComparison.Ordinal) },
        { "POST", "/model-invocation-job", CreateBody("x").Replace("\"JSONL\"", "\"CSV\"", StringComparison.Ordinal) },
        { "POST", "/model-invocation-job", CreateBody("x", token: "has space") },
        { "GET", "/model-invocation-job/not-an-id", "" },
        { "POST", "/model-invocation-job/not-an-id/stop", "" },
        { "GET", "/model-invocation-jobs?maxResults=ten", "" },
        { "GET", "/model-invocation-jobs?maxResults=5000", "" },
        { "GET", "/model-invocation-jobs?statusEquals=Running", "" },
        { "GET", "/model-invocation-jobs?sortOrder=Sideways", "" },
        { "GET", "/model-invocation-jobs?submitTimeAfter=yesterday", "" },
        { "GET", "/model-invocation-jobs?nextToken=garbage", "" },
        { "POST", "/async-invoke", """{"modelId":"amazon.nova-lite-v1:0","outputDataConfig":{"s3OutputDataConfig":{"s3Uri":"s3://out-bucket/async"}}}""" },
        { "POST", "/async-invoke", """{"modelId":"amazon.nova-lite-v1:0","modelInput":"text","outputDataConfig":{"s3OutputDataConfig":{"s3Uri":"s3://out-bucket/async"}}}""" },
        { "POST", "/async-invoke", """{"modelId":"amazon.nova-lite-v1:0","modelInput":{},"outputDataConfig":{"s3OutputDataConfig":{"s3Uri":"file:///tmp"}}}""" },
        { "POST", "/async-invoke", """{"modelInput":{},"outputDataConfig":{"s3OutputDataConfig":{"s3Uri":"s3://out-bucket/async"}}}""" },
        { "POST", "/async-invoke", """{"modelId":"amazon.nova-lite-v1:0","modelInput":{}}""" },
        { "GET", "/async-invoke/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aasync-invoke%2Fabcdefabcdef", "" },
        { "GET", "/async-invoke/not-an-arn", "" },
        { "GET", "/async-invoke?statusEquals=Done", "" },
        { "GET", "/async-invoke?maxResults=0", "" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_a_400_ValidationException_whose_message_names_the_problem(string method, string path, string body)
    {
        await using var harness = new JobsHarness();
        await using var host = await JobsHttpHost.StartAsync(harness.Service);

        var response = await SendAsync(host.Client, new HttpMethod(method), path, method == "POST" ? body : null);

        Assert.Equal((HttpStatusCode.BadRequest, "ValidationException"), (response.Status, response.ErrorType));
        var message = response.Body.GetProperty("message").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(message));
        var expected = ExpectedMention(path, body);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    /// <summary>What the message must mention for each bad request: the member at fault, or the body as a whole.</summary>
    private static string ExpectedMention(string path, string body) => (path, body) switch
    {
        (_, "{\"jobName\": ") => "'jobName'",
        (_, "[1,2]") => "not a valid JSON object",
        ("/model-invocation-job", "") => "'jobName'",
        (_, _) when body.Contains("bad name!", StringComparison.Ordinal) || body.Contains("\"jobName\":42", StringComparison.Ordinal) => "'jobName'",
        (_, _) when body.Contains("not-a-role", StringComparison.Ordinal) => "'roleArn'",
        (_, _) when body.Contains("unknown.model", StringComparison.Ordinal) => "'modelId'",
        (_, _) when body.Contains("https://example.com", StringComparison.Ordinal) => "'inputDataConfig.s3InputDataConfig.s3Uri'",
        (_, _) when body.Contains("\"s3OutputDataConfig\":{}", StringComparison.Ordinal) => "'outputDataConfig.s3OutputDataConfig.s3Uri'",
        (_, _) when body.Contains(":12}", StringComparison.Ordinal) || body.Contains("a day", StringComparison.Ordinal) => "'timeoutDurationInHours'",
        (_, _) when body.Contains("CSV", StringComparison.Ordinal) => "'inputDataConfig.s3InputDataConfig.s3InputFormat'",
        (_, _) when body.Contains("has space", StringComparison.Ordinal) => "'clientRequestToken'",
        (_, _) when path.StartsWith("/model-invocation-job/", StringComparison.Ordinal) => "'jobIdentifier'",
        (_, _) when path.Contains("maxResults", StringComparison.Ordinal) => "'maxResults'",
        (_, _) when path.Contains("statusEquals", StringComparison.Ordinal) => "'statusEquals'",
        (_, _) when path.Contains("sortOrder", StringComparison.Ordinal) => "'sortOrder'",
        (_, _) when path.Contains("submitTimeAfter", StringComparison.Ordinal) => "'submitTimeAfter'",
        (_, _) when path.Contains("nextToken", StringComparison.Ordinal) => "nextToken",
        ("/async-invoke", _) when !body.Contains("modelInput", StringComparison.Ordinal) => "'modelInput'",
        ("/async-invoke", _) when body.Contains("\"modelInput\":\"text\"", StringComparison.Ordinal) => "'modelInput'",
        ("/async-invoke", _) when body.Contains("file:///", StringComparison.Ordinal) => "'outputDataConfig.s3OutputDataConfig.s3Uri'",
        ("/async-invoke", _) when !body.Contains("modelId", StringComparison.Ordinal) => "'modelId'",
        ("/async-invoke", _) when !body.Contains("outputDataConfig", StringComparison.Ordinal) => "'outputDataConfig'",
        (_, _) when path.StartsWith("/async-invoke/arn", StringComparison.Ordinal) => "abcdefabcdef",
        (_, _) when path.StartsWith("/async-invoke/", StringComparison.Ordinal) => "'invocationArn'",
        _ => throw new InvalidOperationException("No expectation for " + path + " " + body),
    };
}
