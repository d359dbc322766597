using Amazon.Runtime;

namespace Serverless.Bedrock;

/// <summary>
/// Settings shared by <see cref="BedrockRuntimeClient"/> and <see cref="BedrockClient"/>. Nothing is resolved
/// when the options or a client are created: region, credentials and the HTTP client are looked up on first use.
/// </summary>
public sealed class BedrockClientOptions
{
    /// <summary>Signing region and endpoint region; falls back to AWS_REGION, then AWS_DEFAULT_REGION.</summary>
    public string? Region { get; set; }

    /// <summary>
    /// Sends every request to this base URL instead of the AWS endpoint (a local Bedrock). Requests are still signed
    /// for service <c>bedrock</c> in <see cref="Region"/>.
    /// </summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Credentials to sign with; when null the default chain (env, profiles incl. SSO, container, instance).</summary>
    public AWSCredentials? Credentials { get; set; }

    /// <summary>Handler for a client-owned HttpClient (tests pass a fake). Ignored when <see cref="HttpClient"/> is set.</summary>
    public HttpMessageHandler? HttpMessageHandler { get; set; }

    /// <summary>A caller-owned HttpClient; its Timeout should be infinite, the retry deadline bounds each call.</summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>Clock for signing dates, retry delays and deadlines.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    public RetryOptions Retry { get; set; } = new();

    /// <summary>Source of retry jitter and idempotency tokens; seed it in tests.</summary>
    public Random Random { get; set; } = Random.Shared;

    /// <summary>Reads environment variables (region fallback); replace it in tests.</summary>
    public Func<string, string?> EnvironmentVariables { get; set; } = Environment.GetEnvironmentVariable;
}
