using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Serverless.Functions.Metrics;

/// <summary>
/// Writes metrics as CloudWatch Embedded Metric Format: one JSON object per line on a text sink (stdout in Lambda,
/// whose lines CloudWatch Logs receives and extracts the metrics from; no API call, no extra latency). Every line
/// carries the dimension <see cref="QuotaMetricNames.ModelDimension"/>, every metric the unit Count. Without a
/// namespace the writer is disabled and writes nothing, so local runs and tests stay quiet unless they opt in.
/// Thread-safe: a line is written whole under a lock.
/// </summary>
public sealed class EmfMetricsWriter
{
    private readonly string? _namespace;
    private readonly TextWriter _sink;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    /// <param name="metricsNamespace">The CloudWatch namespace; null or empty disables the writer.</param>
    /// <param name="sink">Where the lines go; null for <see cref="Console.Out"/>.</param>
    /// <param name="time">The clock of <c>_aws.Timestamp</c>; null for the system clock.</param>
    public EmfMetricsWriter(string? metricsNamespace, TextWriter? sink = null, TimeProvider? time = null)
    {
        _namespace = string.IsNullOrWhiteSpace(metricsNamespace) ? null : metricsNamespace;
        _sink = sink ?? Console.Out;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>A writer that never writes (no namespace).</summary>
    public static EmfMetricsWriter Disabled { get; } = new(null, TextWriter.Null);

    public bool Enabled => _namespace is not null;

    /// <summary>Writes one line with these Count metrics for the model; nothing when disabled or no metric is given.</summary>
    /// <exception cref="ArgumentException">modelId or a metric name is empty.</exception>
    public void Write(string modelId, params ReadOnlySpan<EmfMetric> metrics)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        WriteLine(modelId, metrics);
    }

    /// <summary>Writes one line with these Count metrics and no dimension (account-wide figures such as batch records).</summary>
    /// <exception cref="ArgumentException">A metric name is empty.</exception>
    public void WriteWithoutDimensions(params ReadOnlySpan<EmfMetric> metrics) => WriteLine(null, metrics);

    private void WriteLine(string? modelId, ReadOnlySpan<EmfMetric> metrics)
    {
        if (_namespace is null || metrics.IsEmpty)
        {
            return;
        }

        var line = Format(_namespace, modelId, _time.GetUtcNow().ToUnixTimeMilliseconds(), metrics);
        lock (_gate)
        {
            _sink.WriteLine(line);
            _sink.Flush();
        }
    }

    private static string Format(string metricsNamespace, string? modelId, long timestamp, ReadOnlySpan<EmfMetric> metrics)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", timestamp);
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", metricsNamespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            if (modelId is not null)
            {
                json.WriteStringValue(QuotaMetricNames.ModelDimension);
            }

            // An empty dimension set is how EMF publishes a metric with no dimension.
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var metric in metrics)
            {
                ArgumentException.ThrowIfNullOrEmpty(metric.Name, nameof(metrics));
                json.WriteStartObject();
                json.WriteString("Name", metric.Name);
                json.WriteString("Unit", "Count");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();

            // The directive names its dimension and metrics; their values are the root's members of those names.
            if (modelId is not null)
            {
                json.WriteString(QuotaMetricNames.ModelDimension, modelId);
            }

            foreach (var metric in metrics)
            {
                json.WriteNumber(metric.Name, metric.Value);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
