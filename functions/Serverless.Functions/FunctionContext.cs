namespace Serverless.Functions;

/// <summary>What the host knows about one invocation, independent of Lambda or Kestrel.</summary>
public sealed class FunctionContext
{
    /// <summary>The invocation's id (the Lambda request id, or a generated one locally).</summary>
    public required string RequestId { get; init; }

    /// <summary>When the host stops waiting for the function; concurrency leases are taken until then.</summary>
    public required DateTimeOffset Deadline { get; init; }

    /// <summary>The X-Ray trace header (<c>Root=1-...;Parent=...;Sampled=...</c>), when there is one.</summary>
    public string? TraceId { get; init; }

    /// <summary>Time left until <see cref="Deadline"/> on the given clock (zero once passed).</summary>
    public TimeSpan RemainingTime(TimeProvider time)
    {
        var remaining = Deadline - time.GetUtcNow();
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }
}
