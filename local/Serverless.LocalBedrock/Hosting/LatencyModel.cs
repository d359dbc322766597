using Serverless.LocalBedrock.Configuration;

namespace Serverless.LocalBedrock.Hosting;

/// <summary>How long a model takes: time to first token, then output tokens at a steady rate, both scaled by the global time scale.</summary>
public static class LatencyModel
{
    public static TimeSpan FirstToken(ModelSettings model, double timeScale)
        => Scale(TimeSpan.FromMilliseconds(Math.Max(0, model.Latency.TimeToFirstTokenMs)), timeScale);

    public static TimeSpan Tokens(ModelSettings model, int outputTokens, double timeScale)
        => model.Latency.OutputTokensPerSecond <= 0 || outputTokens <= 0
            ? TimeSpan.Zero
            : Scale(TimeSpan.FromSeconds(outputTokens / model.Latency.OutputTokensPerSecond), timeScale);

    /// <summary>Waits on the injected clock; nothing waits at all for a zero delay.</summary>
    public static Task DelayAsync(TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
        => delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, time, cancellationToken);

    private static TimeSpan Scale(TimeSpan value, double timeScale)
        => timeScale <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)(value.Ticks * timeScale));
}
