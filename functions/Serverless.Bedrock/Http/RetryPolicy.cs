using System.Net.Sockets;

namespace Serverless.Bedrock.Http;

/// <summary>Decides whether a failed attempt is retried and how long to wait first (full jitter).</summary>
internal sealed class RetryPolicy(RetryOptions options, Random random)
{
    public int MaxAttempts => Math.Max(1, options.MaxAttempts);

    public TimeSpan Deadline => options.Deadline;

    /// <summary>A uniformly random wait in [0, min(MaxDelay, BaseDelay * 2^(attempt-1))) after failed attempt <paramref name="attempt"/>.</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var ceiling = CeilingAfter(attempt);
        double sample;
        lock (random)
        {
            // Random is not thread safe and one instance serves all concurrent calls of a client.
            sample = random.NextDouble();
        }

        return TimeSpan.FromTicks((long)(ceiling.Ticks * sample));
    }

    /// <summary>The upper bound of the jittered wait after attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan CeilingAfter(int attempt)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var ticks = Math.Min(options.MaxDelay.Ticks, options.BaseDelay.Ticks * Math.Pow(2, exponent));
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Service errors say so themselves; transport failures (reset, refused, DNS, I/O) are transient.</summary>
    public static bool IsRetryable(Exception exception) => exception switch
    {
        BedrockException bedrock => bedrock.IsRetryable,
        HttpRequestException => true,
        IOException => true,
        SocketException => true,
        AttemptTimeoutException => true,
        _ => false,
    };
}

/// <summary>An attempt that HttpClient abandoned on its own timeout (not the caller's cancellation nor our deadline).</summary>
internal sealed class AttemptTimeoutException(Exception inner) : TimeoutException("The HTTP attempt timed out.", inner);
