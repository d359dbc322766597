using Amazon.Runtime;
using Serverless.Bedrock;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Hosting;
using Serverless.TestSupport;

namespace Serverless.Integration.Tests;

/// <summary>
/// Starts the in-process local Bedrock with zero latency and SigV4 verification ON, so every call a test makes also
/// proves that the client signed it correctly; and builds the two clients (official JS SDK, our C# client) for it.
/// </summary>
internal static class SignedServer
{
    public const string AccessKeyId = "AKIDINTEGRATION";
    public const string SecretAccessKey = "integration-secret";

    public const string Haiku3 = "anthropic.claude-3-haiku-20240307-v1:0";
    public const string Sonnet45 = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    public const string NovaLite = "amazon.nova-lite-v1:0";
    public const string TitanExpress = "amazon.titan-text-express-v1";

    public static Task<LocalBedrockServer> StartAsync(Action<LocalBedrockSettings>? configure = null)
    {
        var settings = SettingsLoader.Defaults();
        settings.TimeScale = 0;
        settings.Auth = new AuthSettings { AccessKeyId = AccessKeyId, SecretAccessKey = SecretAccessKey };
        configure?.Invoke(settings);
        return LocalBedrockServer.StartAsync(settings, new LocalBedrockServerOptions { Port = 0, Http2Port = 0 }, TestContext.Current.CancellationToken);
    }

    /// <summary>The official JS SDK pointed at the server: over h2c (its default HTTP/2 handler) or HTTP/1.1.</summary>
    public static JsSdkDriver JsSdk(this LocalBedrockServer server, Transport transport = Transport.Http1, int maxAttempts = 1, string secret = SecretAccessKey)
        => new(server.BaseAddress, transport == Transport.H2c ? server.Http2BaseAddress : null)
        {
            MaxAttempts = maxAttempts,
            AccessKeyId = AccessKeyId,
            SecretAccessKey = secret,
        };

    /// <summary>Our client options for the server over HTTP/1.1; retries off unless asked, and never a real wait.</summary>
    public static BedrockClientOptions ClientOptions(this LocalBedrockServer server, int maxAttempts = 1) => new()
    {
        Region = "us-east-1",
        ServiceUrl = server.BaseAddress,
        Credentials = new BasicAWSCredentials(AccessKeyId, SecretAccessKey),
        // Zero backoff: a retry goes out at once, so retry tests take no wall-clock time.
        Retry = new RetryOptions { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero },
        Random = new Random(7),
    };
}

public enum Transport
{
    Http1,
    H2c,
}
