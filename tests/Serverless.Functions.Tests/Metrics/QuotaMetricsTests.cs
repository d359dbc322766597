using System.Net;
using System.Text.Json.Nodes;
using Serverless.Functions.Configuration;
using Serverless.Functions.Tests.Support;
using Serverless.Quota.Storage;
using static Serverless.Functions.Tests.Support.TestEnvironment;

namespace Serverless.Functions.Tests.Metrics;

/// <summary>The quota gate writes an EMF line per outcome through the local host, with the values the ledger used.</summary>
public class QuotaMetricsTests
{
    private const string Namespace = "BedrockServerless/test";

    [Fact]
    public async Task AConverseCallWritesAdmittedThenSettledWithTheLedgersFigures()
    {
        var sink = new CapturedLines();
        const int maxTokens = 40;
        await using var env = await StartAsync(configure: c => c.MetricsNamespace = Namespace, dependencies: d => d.MetricsSink = sink);
        var burndown = env.Local.Catalog.Configuration.Quota.Models[ClaudeProfile].OutputTokenBurndown;
        Assert.True(burndown > 1, "the model should charge output above par so the test sees the burndown");

        var reply = await env.PostJsonAsync("/v1/converse", ConverseBody(ClaudeProfile, "Hello there", maxTokens));
        var usage = reply["usage"]!;
        var expectedSettled = (long)usage["inputTokens"]! + ((long?)usage["cacheWriteInputTokens"] ?? 0) + ((long)usage["outputTokens"]! * burndown);
        await Eventually.TrueAsync(() => Task.FromResult(sink.WithMetric("QuotaTokensSettled").Count == 1), "the settled line");

        var admitted = Assert.Single(sink.WithMetric("QuotaRequestsAdmitted"));
        Assert.Equal(ClaudeProfile, (string)admitted["ModelId"]!);
        Assert.Equal(1, (long)admitted["QuotaRequestsAdmitted"]!);
        var estimatedInput = (long)admitted["QuotaTokensReserved"]! - (maxTokens * burndown);
        Assert.InRange(estimatedInput, 1, 100);
        Assert.Equal(Namespace, (string)admitted["_aws"]!["CloudWatchMetrics"]![0]!["Namespace"]!);

        var settled = Assert.Single(sink.WithMetric("QuotaTokensSettled"));
        Assert.Equal(ClaudeProfile, (string)settled["ModelId"]!);
        Assert.Equal(expectedSettled, (long)settled["QuotaTokensSettled"]!);
        Assert.Equal(2, sink.Lines.Count);
    }

    [Fact]
    public async Task ARefusedCallWritesQuotaRefused()
    {
        var sink = new CapturedLines();
        await using var env = await StartAsync(
            configure: c =>
            {
                c.MetricsNamespace = Namespace;
                c.Quota.Models[Nova].RequestsPerMinute = 1;
            },
            dependencies: d => d.MetricsSink = sink);
        Assert.NotNull(await env.PostJsonAsync("/v1/converse", ConverseBody(Nova, "one", 10)));
        using var refused = await env.PostAsync("/v1/converse", ConverseBody(Nova, "two", 10));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ErrorResponse.ReadAsync(refused)).Status);

        var line = Assert.Single(sink.WithMetric("QuotaRefused"));
        Assert.Equal(Nova, (string)line["ModelId"]!);
        Assert.Equal(1, (long)line["QuotaRefused"]!);
        Assert.Equal(["QuotaRefused"], line["_aws"]!["CloudWatchMetrics"]![0]!["Metrics"]!.AsArray().Select(m => (string)m!["Name"]!));
        Assert.Single(sink.WithMetric("QuotaRequestsAdmitted"));
    }

    [Fact]
    public async Task AnUnreachableStoreWritesQuotaStoreUnavailable()
    {
        var sink = new CapturedLines();
        await using var env = await StartAsync(
            configure: c => c.MetricsNamespace = Namespace,
            dependencies: d =>
            {
                d.MetricsSink = sink;
                d.QuotaStore = new UnreachableQuotaStore();
            });
        using var response = await env.PostAsync("/v1/converse", ConverseBody(Nova, "Hi", 10));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await ErrorResponse.ReadAsync(response)).Status);

        var line = Assert.Single(sink.Objects);
        Assert.Equal(1, (long)line["QuotaStoreUnavailable"]!);
        // Account-wide, as the CDK app's alarm reads it: the table is down for every model alike.
        Assert.Null(line["ModelId"]);
        Assert.Empty(line["_aws"]!["CloudWatchMetrics"]![0]!["Dimensions"]![0]!.AsArray());
    }

    [Fact]
    public async Task WithoutANamespaceNothingIsWritten()
    {
        var sink = new CapturedLines();
        await using var env = await StartAsync(configure: c => c.Quota.Models[Nova].RequestsPerMinute = 1, dependencies: d => d.MetricsSink = sink);
        Assert.Null(env.Local.Catalog.Configuration.MetricsNamespace);
        Assert.NotNull(await env.PostJsonAsync("/v1/converse", ConverseBody(Nova, "one", 10)));
        using var refused = await env.PostAsync("/v1/converse", ConverseBody(Nova, "two", 10));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ErrorResponse.ReadAsync(refused)).Status);

        Assert.Empty(sink.Lines);
    }

    [Fact]
    public void TheNamespaceComesFromMetricsNamespace()
    {
        var configuration = FunctionsEnvironment.Load(name => name == "METRICS_NAMESPACE" ? " BedrockServerless/prod " : null);
        Assert.Equal("BedrockServerless/prod", configuration.MetricsNamespace);
        Assert.Null(FunctionsEnvironment.Load(_ => null).MetricsNamespace);
    }
}
