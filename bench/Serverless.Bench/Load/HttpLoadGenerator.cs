using System.Diagnostics;
using System.Net;

namespace Serverless.Bench.Load;

/// <summary>
/// A closed-loop load generator: <c>concurrency</c> callers each send a request, wait for the whole response,
/// and send the next, for a fixed time after a warm-up. Bounded in count and time; loopback only.
/// </summary>
public static class HttpLoadGenerator
{
    public static async Task<LoadResult> RunAsync(
        Uri baseAddress,
        Func<HttpRequestMessage> makeRequest,
        int concurrency,
        TimeSpan warmup,
        TimeSpan duration,
        CancellationToken cancellationToken = default)
    {
        if (!IPAddress.TryParse(baseAddress.Host, out var address) || !IPAddress.IsLoopback(address))
        {
            throw new ArgumentException("The load generator only targets loopback addresses.", nameof(baseAddress));
        }

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress };
        var stopAt = Stopwatch.GetTimestamp() + Stopwatch.Frequency * (long)(warmup + duration).TotalSeconds;
        var measureFrom = Stopwatch.GetTimestamp() + Stopwatch.Frequency * (long)warmup.TotalSeconds;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var latencies = new List<double>(16_384);
            var errors = 0;
            while (Stopwatch.GetTimestamp() < stopAt && !cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                using var request = makeRequest();
                using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                await response.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                if (started < measureFrom)
                {
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    errors++;
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return (latencies, errors);
        }).ToArray();
        var results = await Task.WhenAll(workers).ConfigureAwait(false);
        var all = results.SelectMany(r => r.latencies).Order().ToArray();
        return new LoadResult(all.Length, results.Sum(r => r.errors), duration, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];
}

public sealed record LoadResult(int Requests, int Errors, TimeSpan Duration, double P50Milliseconds, double P99Milliseconds)
{
    public double RequestsPerSecond => Requests / Duration.TotalSeconds;

    public override string ToString()
        => $"{RequestsPerSecond,10:N0} req/s  p50 {P50Milliseconds,7:N3} ms  p99 {P99Milliseconds,7:N3} ms  ({Requests:N0} requests, {Errors:N0} errors)";
}
