using System.Diagnostics;

namespace Serverless.Bench.Quota;

/// <summary>Latencies of one measured operation, in milliseconds.</summary>
internal sealed class Latencies
{
    private readonly List<double> _samples = new(8_192);

    public int Count => _samples.Count;

    public async Task<T> TimeAsync<T>(Func<Task<T>> operation)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await operation().ConfigureAwait(false);
        _samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    public void Add(double milliseconds) => _samples.Add(milliseconds);

    public void AddRange(Latencies other) => _samples.AddRange(other._samples);

    public double Percentile(double p)
    {
        if (_samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _samples.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];
    }

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);
}
