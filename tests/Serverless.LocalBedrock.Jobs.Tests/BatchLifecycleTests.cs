using Serverless.LocalBedrock.Jobs.Batch;
using Serverless.LocalBedrock.Jobs.Contracts;

namespace Serverless.LocalBedrock.Jobs.Tests;

public sealed class BatchLifecycleTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static LocalJobsOptions HourlyPhases(JobFaultOptions? faults = null, int maxConcurrentRecords = 4) => new()
    {
        Phases = new BatchPhaseDurations { Submitted = Hour, Validating = Hour, Scheduled = Hour, InProgress = Hour, Stopping = Hour },
        Faults = faults ?? new JobFaultOptions(),
        MaxConcurrentRecords = maxConcurrentRecords,
    };

    [Fact]
    public async Task A_job_moves_through_every_status_as_the_clock_advances()
    {
        await using var harness = new JobsHarness(HourlyPhases());
        var start = harness.Time.GetUtcNow();
        var arn = harness.Create("full-sequence", await harness.PutFixtureInputAsync());

        Assert.Equal(BatchJobStatus.Submitted, harness.Service.GetModelInvocationJob(arn).Status);
        foreach (var next in new[] { BatchJobStatus.Validating, BatchJobStatus.Scheduled, BatchJobStatus.InProgress })
        {
            harness.Time.Advance(Hour);
            await harness.WaitForAsync(arn, next);
            var job = harness.Service.GetModelInvocationJob(arn);
            Assert.Equal(next, job.Status);
            Assert.Null(job.EndTime);
        }

        Assert.Null(await harness.ReadOutputAsync(arn, "manifest.json.out"));
        harness.Time.Advance(Hour);
        await harness.WaitForAsync(arn, BatchJobStatus.Completed);

        var done = harness.Service.GetModelInvocationJob(arn);
        Assert.Equal(
            [BatchJobStatus.Submitted, BatchJobStatus.Validating, BatchJobStatus.Scheduled, BatchJobStatus.InProgress, BatchJobStatus.Completed],
            harness.Service.GetJobStatusHistory(arn));
        Assert.Equal(start, done.SubmitTime);
        Assert.Equal(start + (4 * Hour), done.EndTime);
        Assert.Equal(done.EndTime, done.LastModifiedTime);
        Assert.Equal(start + TimeSpan.FromHours(168), done.JobExpirationTime);
        Assert.Equal(168, done.TimeoutDurationInHours);
        Assert.NotNull(await harness.ReadOutputAsync(arn, "manifest.json.out"));
    }

    [Fact]
    public async Task A_job_failing_as_a_whole_ends_Failed_with_a_message_and_no_output()
    {
        await using var harness = new JobsHarness(HourlyPhases(new JobFaultOptions { FailJobNamePattern = "^doomed-" }));
        var input = await harness.PutFixtureInputAsync();
        var doomed = harness.Create("doomed-nightly", input);
        var healthy = harness.Create("nightly", input);
        harness.Time.Advance(4 * Hour);
        await harness.WaitForAsync(doomed, BatchJobStatus.Failed);
        await harness.WaitForAsync(healthy, BatchJobStatus.Completed);

        var job = harness.Service.GetModelInvocationJob(doomed);
        Assert.Equal(new JobFaultOptions().FailedJobMessage, job.Message);
        Assert.NotNull(job.EndTime);
        Assert.Contains(BatchJobStatus.InProgress, harness.Service.GetJobStatusHistory(doomed));
        Assert.Null(await harness.ReadOutputAsync(doomed, "manifest.json.out"));
    }

    [Fact]
    public async Task A_whole_job_failure_rate_of_one_fails_every_job()
    {
        await using var harness = new JobsHarness(new LocalJobsOptions { Faults = new JobFaultOptions { FailedJobRate = 1 } });
        var arn = harness.Create("unlucky", await harness.PutFixtureInputAsync());
        await harness.WaitForAsync(arn, BatchJobStatus.Failed);
        Assert.Equal(0, harness.Invoker.Calls);
    }

    [Fact]
    public async Task Fewer_than_the_minimum_records_fail_validation_with_a_message()
    {
        await using var harness = new JobsHarness();
        var arn = harness.Create("too-few", await harness.PutInputAsync("few.jsonl", JobsHarness.FixtureLines()[..99]));
        await harness.WaitForAsync(arn, BatchJobStatus.Failed);

        var job = harness.Service.GetModelInvocationJob(arn);
        Assert.Contains("has 99 records", job.Message, StringComparison.Ordinal);
        Assert.Contains("at least 100 records", job.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(BatchJobStatus.InProgress, harness.Service.GetJobStatusHistory(arn));
        Assert.Equal(0, harness.Invoker.Calls);
    }

    [Fact]
    public async Task More_than_the_maximum_records_fail_validation_with_a_message()
    {
        await using var harness = new JobsHarness(new LocalJobsOptions { MaxRecordsPerJob = 104 });
        var arn = harness.Create("too-many", await harness.PutFixtureInputAsync());
        await harness.WaitForAsync(arn, BatchJobStatus.Failed);

        Assert.Contains("more than 104 records", harness.Service.GetModelInvocationJob(arn).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "Line 3 of s3://batch-bucket/bad.jsonl is invalid: it is not valid JSON")]
    [InlineData("""{"recordId":"X1"}""", "Line 3 of s3://batch-bucket/bad.jsonl is invalid: modelInput is missing")]
    [InlineData("""{"recordId":7,"modelInput":{}}""", "Line 3 of s3://batch-bucket/bad.jsonl is invalid: recordId must be a non-empty string")]
    public async Task A_malformed_line_fails_validation_naming_the_line(string badLine, string expected)
    {
        await using var harness = new JobsHarness();
        var lines = JobsHarness.FixtureLines().ToList();
        lines.Insert(2, badLine);
        var arn = harness.Create("malformed", await harness.PutInputAsync("bad.jsonl", lines));
        await harness.WaitForAsync(arn, BatchJobStatus.Failed);

        Assert.StartsWith(expected, harness.Service.GetModelInvocationJob(arn).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_input_fails_validation_with_a_message()
    {
        await using var harness = new JobsHarness();
        var arn = harness.Create("missing", $"s3://{JobsHarness.Bucket}/nothing-here/");
        await harness.WaitForAsync(arn, BatchJobStatus.Failed);
        Assert.Contains("No .jsonl input files were found at s3://batch-bucket/nothing-here/", harness.Service.GetModelInvocationJob(arn).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_a_job_in_progress_writes_the_records_done_so_far_then_ends_Stopped()
    {
        await using var harness = new JobsHarness(HourlyPhases(maxConcurrentRecords: 1));
        var answered = 0;
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Invoker.Respond = async (input, token) =>
        {
            if (Interlocked.Increment(ref answered) > 10)
            {
                holding.TrySetResult();
                await Task.Delay(Timeout.Infinite, token);
            }

            return FakeModelInvoker.Answer(input);
        };
        var arn = harness.Create("stop-me", await harness.PutFixtureInputAsync());
        harness.Time.Advance(3 * Hour);
        await harness.WaitForAsync(arn, BatchJobStatus.InProgress);
        await holding.Task.WaitAsync(JobsHarness.WaitLimit, TestContext.Current.CancellationToken);

        harness.Service.StopModelInvocationJob(arn);
        Assert.Equal(BatchJobStatus.Stopping, harness.Service.GetModelInvocationJob(arn).Status);
        harness.Time.Advance(Hour);
        await harness.WaitForAsync(arn, BatchJobStatus.Stopped);

        var job = harness.Service.GetModelInvocationJob(arn);
        Assert.Equal((105L, 10L, 10L), (job.TotalRecordCount, job.ProcessedRecordCount, job.SuccessRecordCount));
        Assert.Equal(10, (await harness.ReadOutputAsync(arn, "input.jsonl.out"))!.Split('\n')[..^1].Length);
        Assert.Contains("\"processedRecordCount\":10,", await harness.ReadOutputAsync(arn, "manifest.json.out"), StringComparison.Ordinal);
        Assert.Equal(
            [BatchJobStatus.Submitted, BatchJobStatus.Validating, BatchJobStatus.Scheduled, BatchJobStatus.InProgress, BatchJobStatus.Stopping, BatchJobStatus.Stopped],
            harness.Service.GetJobStatusHistory(arn));

        var again = Assert.Throws<JobsApiException>(() => harness.Service.StopModelInvocationJob(arn));
        Assert.Equal(("ConflictException", 400), (again.ErrorType, again.StatusCode));
    }

    [Fact]
    public async Task Stopping_a_submitted_job_ends_it_without_output()
    {
        await using var harness = new JobsHarness(HourlyPhases());
        var arn = harness.Create("stop-early", await harness.PutFixtureInputAsync());
        harness.Service.StopModelInvocationJob(arn);
        harness.Time.Advance(Hour);
        await harness.WaitForAsync(arn, BatchJobStatus.Stopped);

        Assert.Equal([BatchJobStatus.Submitted, BatchJobStatus.Stopping, BatchJobStatus.Stopped], harness.Service.GetJobStatusHistory(arn));
        Assert.Null(await harness.ReadOutputAsync(arn, "manifest.json.out"));
        Assert.Equal(0, harness.Invoker.Calls);
    }

    [Fact]
    public async Task A_job_still_running_at_its_timeout_ends_Expired()
    {
        var options = new LocalJobsOptions { Phases = new BatchPhaseDurations { Scheduled = TimeSpan.FromHours(100) } };
        await using var harness = new JobsHarness(options);
        var start = harness.Time.GetUtcNow();
        var arn = harness.Create("slow-queue", await harness.PutFixtureInputAsync(), timeoutHours: 24);
        await harness.WaitForAsync(arn, BatchJobStatus.Scheduled);

        harness.Time.Advance(TimeSpan.FromHours(23));
        Assert.Equal(BatchJobStatus.Scheduled, harness.Service.GetModelInvocationJob(arn).Status);
        harness.Time.Advance(TimeSpan.FromHours(1));
        await harness.WaitForAsync(arn, BatchJobStatus.Expired);

        var job = harness.Service.GetModelInvocationJob(arn);
        Assert.Equal(start + TimeSpan.FromHours(24), job.JobExpirationTime);
        Assert.Equal(start + TimeSpan.FromHours(24), job.EndTime);
        Assert.Equal(24, job.TimeoutDurationInHours);
        Assert.Equal(0, harness.Invoker.Calls);
    }

    [Fact]
    public async Task A_job_read_the_moment_its_timeout_passes_is_already_Expired()
    {
        // The expiry timer fires inside Advance, but the job writes what it finished before it reports Expired: a read
        // through the API in between must not see it still InProgress (a poll would then wait another interval).
        var options = new LocalJobsOptions { Phases = new BatchPhaseDurations { InProgress = TimeSpan.FromHours(30) } };
        await using var harness = new JobsHarness(options);
        var arn = harness.Create("expires", await harness.PutFixtureInputAsync(), timeoutHours: 24);
        await harness.WaitForAsync(arn, BatchJobStatus.InProgress);

        harness.Time.Advance(TimeSpan.FromHours(24));
        var job = await harness.Service.GetModelInvocationJobAsync(arn, TestContext.Current.CancellationToken);

        Assert.Equal(BatchJobStatus.Expired, job.Status);
        Assert.NotNull(await harness.ReadOutputAsync(arn, "manifest.json.out"));
    }

    [Fact]
    public async Task The_time_scale_shrinks_the_timeout_as_well_as_the_phases()
    {
        var options = new LocalJobsOptions { TimeScale = 0.001, Phases = new BatchPhaseDurations { Scheduled = TimeSpan.FromHours(100) } };
        await using var harness = new JobsHarness(options);
        var start = harness.Time.GetUtcNow();
        var arn = harness.Create("scaled", await harness.PutFixtureInputAsync(), timeoutHours: 24);
        harness.Time.Advance(TimeSpan.FromSeconds(86.4));
        await harness.WaitForAsync(arn, BatchJobStatus.Expired);
        Assert.Equal(start + TimeSpan.FromSeconds(86.4), harness.Service.GetModelInvocationJob(arn).EndTime);
    }

    [Fact]
    public async Task The_per_model_limit_refuses_one_more_active_job_with_ServiceQuotaExceededException()
    {
        await using var harness = new JobsHarness(new LocalJobsOptions { MaxActiveJobsPerModel = 2, Phases = new BatchPhaseDurations { Submitted = Hour } });
        var input = await harness.PutFixtureInputAsync();
        var first = harness.Create("one", input);
        harness.Create("two", input);

        var refused = Assert.Throws<JobsApiException>(() => harness.Create("three", input));
        Assert.Equal(("ServiceQuotaExceededException", 400), (refused.ErrorType, refused.StatusCode));
        Assert.Contains(FakeModelInvoker.Claude, refused.Message, StringComparison.Ordinal);

        harness.Create("other-model", input, model: FakeModelInvoker.Nova);
        harness.Service.StopModelInvocationJob(first);
        harness.Create("three", input);
    }

    [Fact]
    public async Task The_same_clientRequestToken_and_request_return_the_same_job()
    {
        await using var harness = new JobsHarness(new LocalJobsOptions { Phases = new BatchPhaseDurations { Submitted = Hour } });
        var input = await harness.PutFixtureInputAsync();
        var first = harness.Create("retry", input, token: "a1b2c3d4-0000-4000-8000-000000000001");
        var retried = harness.Create("retry", input, token: "a1b2c3d4-0000-4000-8000-000000000001");
        var other = harness.Create("retry", input, token: "a1b2c3d4-0000-4000-8000-000000000002");

        Assert.Equal(first, retried);
        Assert.NotEqual(first, other);
        Assert.Equal(2, harness.Service.ListModelInvocationJobs(new ModelInvocationJobQuery()).InvocationJobSummaries.Count);
        Assert.Equal("a1b2c3d4-0000-4000-8000-000000000001", harness.Service.GetModelInvocationJob(first).ClientRequestToken);

        var conflict = Assert.Throws<JobsApiException>(() => harness.Create("retry-changed", input, token: "a1b2c3d4-0000-4000-8000-000000000001"));
        Assert.Equal("ConflictException", conflict.ErrorType);
    }

    [Fact]
    public async Task Jobs_are_found_by_arn_or_id_and_arns_have_Bedrocks_form()
    {
        await using var harness = new JobsHarness(new LocalJobsOptions { Region = "eu-west-1", AccountId = "210987654321" });
        var arn = harness.Create("named", await harness.PutFixtureInputAsync());

        Assert.Matches("^arn:aws:bedrock:eu-west-1:210987654321:model-invocation-job/[a-z0-9]{12}$", arn);
        Assert.Equal(arn, harness.Service.GetModelInvocationJob(JobsHarness.JobId(arn)).JobArn);
        Assert.Equal(arn, harness.Service.GetModelInvocationJob(arn).JobArn);
        var missing = Assert.Throws<JobsApiException>(() => harness.Service.GetModelInvocationJob("zzzzzzzzzzzz"));
        Assert.Equal(("ResourceNotFoundException", 404), (missing.ErrorType, missing.StatusCode));
        var otherAccount = arn.Replace("210987654321", "111111111111", StringComparison.Ordinal);
        Assert.Equal("ResourceNotFoundException", Assert.Throws<JobsApiException>(() => harness.Service.GetModelInvocationJob(otherAccount)).ErrorType);
    }

    [Fact]
    public async Task Listing_filters_sorts_and_pages()
    {
        await using var harness = new JobsHarness(new LocalJobsOptions { Phases = new BatchPhaseDurations { Submitted = TimeSpan.FromDays(1), Stopping = TimeSpan.FromDays(1) } });
        var input = await harness.PutFixtureInputAsync();
        var start = harness.Time.GetUtcNow();
        var arns = new List<string>();
        foreach (var name in new[] { "alpha-1", "beta-1", "alpha-2", "beta-2", "alpha-3" })
        {
            arns.Add(harness.Create(name, input));
            harness.Time.Advance(TimeSpan.FromMinutes(10));
        }

        harness.Service.StopModelInvocationJob(arns[1]);

        var all = harness.Service.ListModelInvocationJobs(new ModelInvocationJobQuery());
        Assert.Equal(arns.AsEnumerable().Reverse(), all.InvocationJobSummaries.Select(j => j.JobArn));
        Assert.Null(all.NextToken);

        var ascending = harness.Service.ListModelInvocationJobs(new ModelInvocationJobQuery { SortBy = "CreationTime", SortOrder = "Ascending" });
        Assert.Equal(arns, ascending.InvocationJobSummaries.Select(j => j.JobArn));

        var alphas = harness.Service.ListModelInvocationJobs(new ModelInvocationJobQuery { NameContains = "alpha" });
        Assert.Equal(["alpha-3", "alpha-2", "alpha-1"], alphas.InvocationJobSummaries.Select(j => j.JobName));

        var stopping = harness.Service.ListModelInvocationJobs(new ModelInvocationJobQuery { StatusEquals = BatchJobStatus.Stopping });
        Assert.Equal([arns[1]], stopping.InvocationJobSummaries.Select(j => j.JobArn));

        var window = harness.Service.ListModelInvocationJobs(new ModelInvocationJobQuery
        {
            SubmitTimeAfter = start + TimeSpan.FromMinutes(5),
            SubmitTimeBefore = start + TimeSpan.FromMinutes(35),
            SortOrder = "Ascending",
        });
        Assert.Equal(arns[1..4], window.InvocationJobSummaries.Select(j => j.JobArn));

        var paged = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = harness.Service.ListModelInvocationJobs(new ModelInvocationJobQuery { MaxResults = 2, NextToken = token, SortOrder = "Ascending" });
            Assert.True(page.InvocationJobSummaries.Count <= 2);
            paged.AddRange(page.InvocationJobSummaries.Select(j => j.JobArn));
            token = page.NextToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(arns, paged);

        Assert.Contains("'statusEquals'", Assert.Throws<JobsApiException>(() => harness.Service.ListModelInvocationJobs(new ModelInvocationJobQuery { StatusEquals = "Running" })).Message, StringComparison.Ordinal);
        Assert.Contains("nextToken", Assert.Throws<JobsApiException>(() => harness.Service.ListModelInvocationJobs(new ModelInvocationJobQuery { NextToken = "bogus!" })).Message, StringComparison.Ordinal);
        Assert.Contains("'maxResults'", Assert.Throws<JobsApiException>(() => harness.Service.ListModelInvocationJobs(new ModelInvocationJobQuery { MaxResults = 0 })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_the_service_ends_background_work_without_waiting_for_the_clock()
    {
        var harness = new JobsHarness(new LocalJobsOptions { Phases = new BatchPhaseDurations { Submitted = TimeSpan.FromDays(3) } });
        harness.Create("abandoned", await harness.PutFixtureInputAsync());
        await harness.DisposeAsync().AsTask().WaitAsync(JobsHarness.WaitLimit, TestContext.Current.CancellationToken);
        Assert.Throws<ObjectDisposedException>(() => harness.Create("late", "s3://batch-bucket/input/input.jsonl"));
    }
}
