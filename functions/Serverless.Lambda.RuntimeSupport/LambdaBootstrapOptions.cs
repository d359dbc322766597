namespace Serverless.Lambda.RuntimeSupport;

public sealed class LambdaBootstrapOptions
{
    /// <summary>The clock for deadlines (RemainingTime, the cancellation before the deadline).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// How long before the deadline the invocation's token fires, leaving the handler time to answer (e.g. an error
    /// the caller can read) before Lambda stops the invocation.
    /// </summary>
    public TimeSpan CancellationMargin { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Where the runtime writes its own error lines (Lambda sends stdout and stderr to CloudWatch Logs); stderr when null.</summary>
    public TextWriter? Log { get; init; }
}
