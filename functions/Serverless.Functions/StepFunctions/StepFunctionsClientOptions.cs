using Amazon.Runtime;
using Serverless.Bedrock;

namespace Serverless.Functions.StepFunctions;

/// <summary>Settings of <see cref="AmazonStepFunctionsClient"/>; nothing is resolved until the first call.</summary>
public sealed class StepFunctionsClientOptions
{
    /// <summary>Signing and endpoint region; falls back to AWS_REGION, then AWS_DEFAULT_REGION.</summary>
    public string? Region { get; set; }

    /// <summary>Sends requests here instead of https://states.{region}.amazonaws.com (a local stand-in); still signed for <c>states</c>.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Credentials to sign with; null for the default chain (the Lambda role).</summary>
    public AWSCredentials? Credentials { get; set; }

    /// <summary>Handler of the client's HttpClient (tests may wrap one); null for a SocketsHttpHandler.</summary>
    public HttpMessageHandler? HttpMessageHandler { get; set; }

    /// <summary>Clock for signing dates, retry waits and the deadline.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Attempts, backoff and deadline; the same settings the Bedrock client takes.</summary>
    public RetryOptions Retry { get; set; } = new() { Deadline = TimeSpan.FromSeconds(30) };

    /// <summary>Retry jitter; seed it in tests.</summary>
    public Random Random { get; set; } = Random.Shared;

    /// <summary>Reads environment variables (region fallback); replace it in tests.</summary>
    public Func<string, string?> EnvironmentVariables { get; set; } = Environment.GetEnvironmentVariable;
}
