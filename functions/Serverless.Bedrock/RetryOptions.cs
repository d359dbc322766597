namespace Serverless.Bedrock;

/// <summary>
/// Exponential backoff with full jitter: before attempt n+1 the client waits a uniformly random time in
/// [0, min(MaxDelay, BaseDelay * 2^(n-1))). Bedrock sends no Retry-After header, so none is read.
/// </summary>
public sealed class RetryOptions
{
    /// <summary>Total attempts including the first; 1 disables retries.</summary>
    public int MaxAttempts { get; set; } = 4;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Bound on one call from first send until its response (for streams: until the response headers arrive),
    /// retries and waits included. A retry whose wait would cross it is not attempted.
    /// </summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromMinutes(5);
}
