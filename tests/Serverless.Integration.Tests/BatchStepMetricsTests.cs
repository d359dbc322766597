using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Batch.Contracts;
using Serverless.Batch.Json;
using Serverless.Functions.Configuration;
using Serverless.Functions.Lambda.Batch;
using Serverless.Functions.Metrics;
using Serverless.Lambda.RuntimeSupport;

namespace Serverless.Integration.Tests;

/// <summary>The executable's batch wiring: the summarize step's record metrics, and the per-model job quotas it reads.</summary>
public sealed class BatchStepMetricsTests
{
    [Fact]
    public async Task Summarize_passes_its_output_on_and_publishes_succeeded_and_failed_records_without_a_dimension()
    {
        var summary = new BatchSummary { RunId = "run-1", Submitted = 1_000, Succeeded = 948, Failed = 50, Unaccounted = 2 };
        var output = JsonSerializer.SerializeToUtf8Bytes(summary, BatchJsonContext.Default.BatchSummary);
        var sink = new StringWriter();
        var handler = new SummarizeWithMetricsHandler((_, _) => ValueTask.FromResult(output), new EmfMetricsWriter("BedrockServerless/test", sink));

        var answered = await handler.HandleAsync("{}"u8.ToArray(), new NoContext(), TestContext.Current.CancellationToken);

        Assert.Equal(output, answered.ToArray());
        var line = JsonNode.Parse(Assert.Single(sink.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)))!;
        Assert.Equal(948, (long)line["BatchRecordsSucceeded"]!);
        Assert.Equal(52, (long)line["BatchRecordsFailed"]!);
        Assert.Null(line["ModelId"]);
        Assert.Equal("BedrockServerless/test", (string)line["_aws"]!["CloudWatchMetrics"]![0]!["Namespace"]!);
    }

    [Fact]
    public async Task Without_a_metrics_namespace_summarize_writes_nothing()
    {
        var output = JsonSerializer.SerializeToUtf8Bytes(new BatchSummary { Succeeded = 1 }, BatchJsonContext.Default.BatchSummary);
        var sink = new StringWriter();
        var handler = new SummarizeWithMetricsHandler((_, _) => ValueTask.FromResult(output), new EmfMetricsWriter(null, sink));

        await handler.HandleAsync("{}"u8.ToArray(), new NoContext(), TestContext.Current.CancellationToken);

        Assert.Equal("", sink.ToString());
    }

    [Fact]
    public void Per_model_job_quotas_are_read_and_bad_values_name_the_variable_and_the_model()
    {
        Assert.Empty(BatchEnvironment.ParseJobQuotas(null));
        Assert.Equal(new Dictionary<string, int> { ["m1"] = 20, ["m2"] = 5 }, BatchEnvironment.ParseJobQuotas("""{"m1":20,"m2":5}"""));

        var zero = Assert.Throws<FunctionsConfigurationException>(() => BatchEnvironment.ParseJobQuotas("""{"m1":0}"""));
        Assert.Equal("BATCH_JOB_QUOTAS: 'm1' must be a positive whole number of jobs, got 0.", zero.Message);
        Assert.StartsWith("BATCH_JOB_QUOTAS: expected a JSON object", Assert.Throws<FunctionsConfigurationException>(() => BatchEnvironment.ParseJobQuotas("[1]")).Message, StringComparison.Ordinal);
        Assert.StartsWith("BATCH_JOB_QUOTAS: not valid JSON", Assert.Throws<FunctionsConfigurationException>(() => BatchEnvironment.ParseJobQuotas("{")).Message, StringComparison.Ordinal);
    }

    private sealed class NoContext : ILambdaContext
    {
        public string AwsRequestId => "req-1";
        public string InvokedFunctionArn => "arn:aws:lambda:us-east-1:123456789012:function:batch-summarize";
        public DateTimeOffset Deadline => DateTimeOffset.MaxValue;
        public TimeSpan RemainingTime => TimeSpan.FromMinutes(1);
        public string? TraceId => null;
        public string FunctionName => "batch-summarize";
        public string FunctionVersion => "$LATEST";
        public int MemoryLimitInMB => 512;
        public string LogGroupName => "";
        public string LogStreamName => "";
        public string? ClientContextJson => null;
        public string? CognitoIdentityJson => null;
        public CancellationToken CancellationToken => CancellationToken.None;
    }
}
