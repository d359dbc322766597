using System.Text.Json.Nodes;
using Serverless.Functions.Metrics;
using Serverless.Functions.Tests.Support;
using Serverless.TestSupport;

namespace Serverless.Functions.Tests.Metrics;

/// <summary>The line shape CloudWatch Logs extracts metrics from (Embedded Metric Format specification).</summary>
public class EmfMetricsWriterTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 4, 5, 6, 7, 891, TimeSpan.Zero);

    [Fact]
    public void ALineIsOneEmfDocumentWithTheDirectiveThenTheDimensionAndValuesAtTheRoot()
    {
        var sink = new CapturedLines();
        var clock = new ManualTimeProvider(Start);
        var writer = new EmfMetricsWriter("BedrockServerless/test", sink, clock);

        writer.Write("amazon.nova-lite-v1:0", new EmfMetric("QuotaRequestsAdmitted", 1), new EmfMetric("QuotaTokensReserved", 4_321));

        var line = Assert.Single(sink.Lines);
        Assert.DoesNotContain('\n', line);
        var root = JsonNode.Parse(line)!.AsObject();
        Assert.Equal(["_aws", "ModelId", "QuotaRequestsAdmitted", "QuotaTokensReserved"], root.Select(p => p.Key));
        Assert.Equal("amazon.nova-lite-v1:0", (string)root["ModelId"]!);
        Assert.Equal(1, (long)root["QuotaRequestsAdmitted"]!);
        Assert.Equal(4_321, (long)root["QuotaTokensReserved"]!);

        var aws = root["_aws"]!.AsObject();
        Assert.Equal(["Timestamp", "CloudWatchMetrics"], aws.Select(p => p.Key));
        Assert.Equal(Start.ToUnixTimeMilliseconds(), (long)aws["Timestamp"]!);
        var directive = Assert.Single(aws["CloudWatchMetrics"]!.AsArray())!.AsObject();
        Assert.Equal(["Namespace", "Dimensions", "Metrics"], directive.Select(p => p.Key));
        Assert.Equal("BedrockServerless/test", (string)directive["Namespace"]!);
        var dimensionSet = Assert.Single(directive["Dimensions"]!.AsArray())!.AsArray();
        Assert.Equal(["ModelId"], dimensionSet.Select(d => (string)d!));
        var metrics = directive["Metrics"]!.AsArray().Select(m => m!.AsObject()).ToArray();
        Assert.Equal(["QuotaRequestsAdmitted", "QuotaTokensReserved"], metrics.Select(m => (string)m["Name"]!));
        Assert.All(metrics, m => Assert.Equal("Count", (string)m["Unit"]!));
        Assert.All(metrics, m => Assert.Equal(2, m.Count));
    }

    [Fact]
    public void AnUndimensionedLineHasAnEmptyDimensionSetAndNoModelId()
    {
        var sink = new CapturedLines();
        var writer = new EmfMetricsWriter("BedrockServerless/test", sink, new ManualTimeProvider(Start));

        writer.WriteWithoutDimensions(new EmfMetric(BatchMetricNames.RecordsSucceeded, 950), new EmfMetric(BatchMetricNames.RecordsFailed, 50));

        var root = Assert.Single(sink.Objects);
        Assert.Equal(["_aws", "BatchRecordsSucceeded", "BatchRecordsFailed"], root.Select(p => p.Key));
        Assert.Equal(950, (long)root["BatchRecordsSucceeded"]!);
        Assert.Equal(50, (long)root["BatchRecordsFailed"]!);
        var directive = Assert.Single(root["_aws"]!["CloudWatchMetrics"]!.AsArray())!;
        Assert.Empty(Assert.Single(directive["Dimensions"]!.AsArray())!.AsArray());
        Assert.Equal(["BatchRecordsSucceeded", "BatchRecordsFailed"], directive["Metrics"]!.AsArray().Select(m => (string)m!["Name"]!));
    }

    [Fact]
    public void TheTimestampFollowsTheInjectedClockAndEachEventIsItsOwnLine()
    {
        var sink = new CapturedLines();
        var clock = new ManualTimeProvider(Start);
        var writer = new EmfMetricsWriter("ns", sink, clock);

        writer.Write("m", new EmfMetric("QuotaRefused", 1));
        clock.Advance(TimeSpan.FromSeconds(90));
        writer.Write("m", new EmfMetric("QuotaRefused", 1));

        Assert.Equal(
            [Start.ToUnixTimeMilliseconds(), Start.AddSeconds(90).ToUnixTimeMilliseconds()],
            sink.Objects.Select(o => (long)o["_aws"]!["Timestamp"]!));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void WithoutANamespaceNothingIsWritten(string? metricsNamespace)
    {
        var sink = new CapturedLines();
        var writer = new EmfMetricsWriter(metricsNamespace, sink, new ManualTimeProvider(Start));

        writer.Write("m", new EmfMetric("QuotaRefused", 1));

        Assert.False(writer.Enabled);
        Assert.Empty(sink.Lines);
    }

    [Fact]
    public void AnEmptyModelIdIsRefusedNamingTheParameter()
    {
        var writer = new EmfMetricsWriter("ns", new CapturedLines(), new ManualTimeProvider(Start));
        var error = Assert.Throws<ArgumentException>(() => writer.Write("", new EmfMetric("QuotaRefused", 1)));
        Assert.Equal("modelId", error.ParamName);
    }
}
