using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Hosting;
using Serverless.LocalHost;

namespace Serverless.Bench.Functions;

/// <summary>
/// The local environment for the functions' benchmarks: zero model latency, no quota on the benchmark model in the
/// local Bedrock or the in-memory ledger (so thousands of calls a minute are all admitted), and a client for each side.
/// </summary>
internal static class BenchEnvironment
{
    public const string Model = "amazon.nova-lite-v1:0";

    public static async Task<LocalEnvironment> StartAsync(FirstWriteProbe? probe = null)
    {
        var settings = SettingsLoader.Defaults();
        settings.TimeScale = 0;
        settings.Models[Model].Quota = new QuotaSettings();
        return await LocalEnvironment.StartAsync(new LocalEnvironmentOptions
        {
            BedrockSettings = settings,
            BedrockServer = new LocalBedrockServerOptions { MapEndpoints = probe is null ? null : probe.Install },
            Configure = c =>
            {
                c.Quota.Models[Model].RequestsPerMinute = 100_000_000;
                c.Quota.Models[Model].TokensPerMinute = 100_000_000_000;
            },
        });
    }

    public static HttpClient Client(Uri baseAddress) => new(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromMinutes(1),
    };
}
