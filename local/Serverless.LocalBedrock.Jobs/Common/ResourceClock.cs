namespace Serverless.LocalBedrock.Jobs.Common;

/// <summary>Scaled, injectable waits for the simulated phases.</summary>
internal sealed class ResourceClock(TimeProvider time, double scale)
{
    public DateTimeOffset Now => time.GetUtcNow();

    public TimeProvider Time => time;

    public TimeSpan Scale(TimeSpan duration) => TimeSpan.FromTicks((long)(duration.Ticks * scale));

    /// <summary>
    /// A wait of the scaled duration. The timer is armed before this returns, so a caller can arm the wait,
    /// publish a status, and only then await: a test that sees the status and advances the clock cannot miss the timer.
    /// </summary>
    public Task Delay(TimeSpan duration, CancellationToken cancellationToken)
    {
        var scaled = Scale(duration);
        return scaled <= TimeSpan.Zero
            ? (cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : Task.CompletedTask)
            : Task.Delay(scaled, time, cancellationToken);
    }
}
