using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Serverless.Batch.Results;

namespace Serverless.Batch.Tests;

/// <summary>
/// The reliability cases of issue 5, each through the real ASL file in aws-local-stepfunctions, the C# steps and the
/// local Bedrock's batch jobs. Each ends with every input record exactly once in the results: succeeded, or failed
/// with its reason.
/// </summary>
public sealed class WorkflowReliabilityTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static JsonObject Summary(Serverless.BatchLocal.WorkflowResult result)
    {
        Assert.True(result.Ok, result.ToString());
        return result.Output!.AsObject();
    }

    [Fact]
    public async Task A_1000_record_batch_with_5_percent_failed_records_ends_with_every_record_succeeded_once()
    {
        await using var harness = await WorkflowHarness.StartAsync(b => b.Jobs.Faults.FailedRecordRate = 0.05);
        var ids = Records.Ids(1000);

        var summary = Summary(await harness.RunBatchAsync("b-thousand", Records.Jsonl(ids)));

        var results = await Accounting.AssertEveryRecordOnceAsync(harness.Results, "b-thousand", ids, Token);
        var onDemand = results.Count(r => r.Source == RecordSource.OnDemand);
        Assert.InRange(onDemand, 20, 90);
        Assert.All(results, r => Assert.True(r.IsSucceeded, $"{r.RecordId}: {r.ErrorMessage}"));
        Assert.Equal(1000, (long)summary["submitted"]!);
        Assert.Equal(1000, (long)summary["succeeded"]!);
        Assert.Equal(0, (long)summary["unaccounted"]!);
        Assert.Equal(onDemand, (long)summary["onDemandSucceeded"]!);
        Assert.Equal(1, (int)summary["jobs"]!["PartiallyCompleted"]!);
        Assert.True((long)summary["inputTokens"]! > 0);
        Assert.Equal(1, harness.Stack.Steps.Calls["batch-release"]);
    }

    [Fact]
    public async Task A_job_that_fails_as_a_whole_has_every_record_finished_on_demand()
    {
        await using var harness = await WorkflowHarness.StartAsync(b => b.Jobs.Faults.FailJobNamePattern = "b-doomed");
        var ids = Records.Ids(150);

        var summary = Summary(await harness.RunBatchAsync("b-doomed", Records.Jsonl(ids)));

        var results = await Accounting.AssertEveryRecordOnceAsync(harness.Results, "b-doomed", ids, Token);
        Assert.All(results, r => Assert.Equal(RecordSource.OnDemand, r.Source));
        Assert.Equal(1, (int)summary["jobs"]!["Failed"]!);
        Assert.Equal(150, (long)summary["succeeded"]!);
    }

    [Fact]
    public async Task Failed_job_records_without_on_demand_attempts_are_in_the_failed_list_with_the_jobs_reason()
    {
        await using var harness = await WorkflowHarness.StartAsync(b => b.Jobs.Faults.FailJobNamePattern = "b-no-retry");
        var ids = Records.Ids(120);

        var summary = Summary(await harness.RunBatchAsync("b-no-retry", Records.Jsonl(ids), new JsonObject { ["maxOnDemandAttempts"] = 0 }));

        var results = await Accounting.AssertEveryRecordOnceAsync(harness.Results, "b-no-retry", ids, Token);
        Assert.All(results, r => Assert.Contains("batch job ended Failed", r.ErrorMessage, StringComparison.Ordinal));
        Assert.Equal(120, (long)summary["failed"]!);
        Assert.Equal(0, (long)summary["unaccounted"]!);
    }

    [Fact]
    public async Task A_throttled_CreateModelInvocationJob_is_retried_with_the_same_token_and_makes_one_job()
    {
        var throttles = 3;
        await using var harness = await WorkflowHarness.StartAsync(configureBedrock: app => app.Use(async (HttpContext context, RequestDelegate next) =>
        {
            if (context.Request.Method == "POST" && context.Request.Path == "/model-invocation-job" && Interlocked.Decrement(ref throttles) >= 0)
            {
                context.Response.StatusCode = 429;
                context.Response.Headers["x-amzn-ErrorType"] = "ThrottlingException";
                await context.Response.WriteAsync("{\"message\":\"Too many requests, please wait before trying again.\"}", context.RequestAborted);
                return;
            }

            await next(context);
        }));
        var ids = Records.Ids(200);

        var summary = Summary(await harness.RunBatchAsync("b-throttled", Records.Jsonl(ids)));

        await Accounting.AssertEveryRecordOnceAsync(harness.Results, "b-throttled", ids, Token);
        Assert.Equal(4, harness.Entered("CreateJob") + harness.Progress.Count(p => (string?)p["type"] == "StateRetried" && (string?)p["state"] == "CreateJob"));
        Assert.Equal(1, (int)summary["jobs"]!["Completed"]!);
        Assert.Equal(0, (long)summary["onDemandSucceeded"]!);
    }

    [Fact]
    public async Task A_fan_out_that_crashes_midway_is_retried_and_writes_no_duplicate_results()
    {
        var store = new CrashOnceResultsStore(new InMemoryResultsStore(), crashAfterWrites: 500);
        await using var harness = await WorkflowHarness.StartAsync(results: store);
        var ids = Records.Ids(1000);

        var summary = Summary(await harness.RunBatchAsync("b-crash", Records.Jsonl(ids)));

        Assert.True(store.Crashed);
        Assert.Equal(2, harness.Stack.Steps.Calls["batch-fanout"]);
        await Accounting.AssertEveryRecordOnceAsync(harness.Results, "b-crash", ids, Token);
        Assert.True(store.Inner.Writes > 1000, "the retried fan-out rewrote the first part");
        Assert.Equal(1000, (long)summary["succeeded"]!);
        Assert.Equal(0, (long)summary["unaccounted"]!);
    }

    [Fact]
    public async Task An_expired_job_has_its_unfinished_records_finished_on_demand()
    {
        await using var harness = await WorkflowHarness.StartAsync(b => b.Jobs.Phases.InProgress = TimeSpan.FromHours(30));
        var ids = Records.Ids(130);

        var summary = Summary(await harness.RunBatchAsync("b-expired", Records.Jsonl(ids), new JsonObject { ["timeoutHours"] = 24 }));

        var results = await Accounting.AssertEveryRecordOnceAsync(harness.Results, "b-expired", ids, Token);
        Assert.Equal(1, (int)summary["jobs"]!["Expired"]!);
        // Records the job finished before it expired are in its output (as Bedrock writes them); none is lost.
        Assert.All(results, r => Assert.True(r.IsSucceeded));
        Assert.Equal(130, (long)summary["succeeded"]!);
        Assert.InRange(harness.Clock.GetUtcNow() - new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(24), TimeSpan.FromHours(25));
    }

    [Fact]
    public async Task A_batch_of_fewer_than_100_records_runs_on_demand_without_a_job()
    {
        await using var harness = await WorkflowHarness.StartAsync();
        var ids = Records.Ids(40);

        var summary = Summary(await harness.RunBatchAsync("b-small", Records.Jsonl(ids)));

        var results = await Accounting.AssertEveryRecordOnceAsync(harness.Results, "b-small", ids, Token);
        Assert.All(results, r => Assert.Equal(RecordSource.OnDemand, r.Source));
        Assert.Equal(0, harness.Entered("CreateJob"));
        Assert.Empty(summary["jobs"]!.AsObject());
        Assert.Equal(40, (long)summary["succeeded"]!);
    }

    [Fact]
    public async Task At_the_SLA_deadline_the_job_is_stopped_and_its_records_are_finished_on_demand()
    {
        await using var harness = await WorkflowHarness.StartAsync(b => b.Jobs.Phases.InProgress = TimeSpan.FromHours(10));
        var ids = Records.Ids(110);
        var deadline = harness.Clock.GetUtcNow().AddHours(2);

        var summary = Summary(await harness.RunBatchAsync("b-sla", Records.Jsonl(ids), new JsonObject { ["deadline"] = deadline.ToString("O") }));

        await Accounting.AssertEveryRecordOnceAsync(harness.Results, "b-sla", ids, Token);
        Assert.Equal(1, harness.Entered("StopJob"));
        Assert.Equal(1, (int)summary["jobs"]!["Stopped"]!);
        Assert.Equal(110, (long)summary["succeeded"]!);
        Assert.InRange(harness.Clock.GetUtcNow(), deadline, deadline.AddMinutes(20));
    }

    [Fact]
    public async Task A_scheduled_run_collects_the_deferred_batches_into_one_execution()
    {
        await using var harness = await WorkflowHarness.StartAsync();
        var first = Records.Ids(60, "A");
        var second = Records.Ids(70, "B");
        foreach (var (batchId, ids) in new[] { ("b-deferred-1", first), ("b-deferred-2", second) })
        {
            await harness.Stack.Services.Pending.EnqueueAsync(new Pending.PendingBatch
            {
                BatchId = batchId,
                ModelId = Records.Model,
                InputUri = await harness.PutInputAsync(batchId + ".jsonl", Records.Jsonl(ids)),
                EnqueuedAt = harness.Clock.GetUtcNow(),
            }, Token);
        }

        var summary = Summary(await harness.RunAsync(new JsonObject { ["mode"] = "scheduled" }));
        var again = await harness.RunAsync(new JsonObject { ["mode"] = "scheduled" });

        await Accounting.AssertEveryRecordOnceAsync(harness.Results, "b-deferred-1", first, Token);
        await Accounting.AssertEveryRecordOnceAsync(harness.Results, "b-deferred-2", second, Token);
        Assert.Equal(1, (int)summary["jobs"]!["Completed"]!);
        Assert.Equal(130, (long)summary["succeeded"]!);
        Assert.Equal(2, summary["batches"]!.AsArray().Count);
        Assert.True(again.Ok, again.ToString());
        Assert.Null(again.Output?["runId"]);
    }

    [Fact]
    public async Task Invalid_input_fails_the_execution_naming_the_line_and_the_field()
    {
        await using var harness = await WorkflowHarness.StartAsync();
        var jsonl = Encoding.UTF8.GetBytes("{\"recordId\":\"ok-1\",\"modelInput\":{\"max_tokens\":5}}\n{\"recordId\":\"bad-2\",\"modelInput\":\"text\"}\n");

        var result = await harness.RunBatchAsync("b-invalid", jsonl);

        Assert.False(result.Ok, result.ToString());
        Assert.Equal("BatchInputException", result.Error);
        Assert.Contains("line 2: modelInput: must be a JSON object (was a string)", result.Cause, StringComparison.Ordinal);
    }

    /// <summary>Throws once after <c>crashAfterWrites</c> fan-out writes, as a Lambda that dies midway would.</summary>
    private sealed class CrashOnceResultsStore(InMemoryResultsStore inner, int crashAfterWrites) : IResultsStore
    {
        private int _written;

        public InMemoryResultsStore Inner => inner;

        public bool Crashed { get; private set; }

        public ValueTask<bool> PutAsync(RecordResult result, CancellationToken cancellationToken) => inner.PutAsync(result, cancellationToken);

        public async ValueTask PutManyAsync(IReadOnlyList<RecordResult> results, CancellationToken cancellationToken)
        {
            if (!Crashed && _written >= crashAfterWrites)
            {
                Crashed = true;
                throw new IOException("The fan-out died midway (injected).");
            }

            await inner.PutManyAsync(results, cancellationToken);
            _written += results.Count;
        }

        public ValueTask<RecordResult?> GetAsync(string batchId, string recordId, CancellationToken cancellationToken) => inner.GetAsync(batchId, recordId, cancellationToken);

        public IAsyncEnumerable<RecordResult> ListAsync(string batchId, CancellationToken cancellationToken) => inner.ListAsync(batchId, cancellationToken);

        public ValueTask<ResultCounts> CountAsync(string batchId, CancellationToken cancellationToken) => inner.CountAsync(batchId, cancellationToken);
    }
}
