using Amazon.Runtime;
using Serverless.Bedrock;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalHost;
using Serverless.Quota;

namespace Serverless.Local;

/// <summary>
/// <c>./run.sh local --demo</c>: starts everything `./run.sh local` starts (the local Bedrock with every request
/// SigV4-verified, the ledger, the functions behind the local host), calls every API route once through the host,
/// then runs the Bedrock-level steps (the project's client straight against the local Bedrock), printing what
/// happened, and exits.
/// </summary>
public static class LocalDemo
{
    private const string AccessKeyId = "AKIDLOCALDEMO";
    private const string SecretAccessKey = "local-demo-secret";

    public static async Task<int> RunAsync(TextWriter output, double? timeScale, int? seed, CancellationToken cancellationToken)
    {
        var settings = SettingsLoader.Defaults();
        settings.TimeScale = timeScale ?? 0.25;
        settings.Seed = seed ?? settings.Seed;
        settings.Auth = new AuthSettings { AccessKeyId = AccessKeyId, SecretAccessKey = SecretAccessKey };

        await using var environment = await LocalEnvironment.StartAsync(new LocalEnvironmentOptions
        {
            BedrockSettings = settings,
            Configure = configuration => configuration.Quota.Models[FunctionsTour.TinyQuotaModel].RequestsPerMinute = 2,
        }, cancellationToken).ConfigureAwait(false);
        var server = environment.Bedrock;
        output.WriteLine($"Local Bedrock on {server.BaseAddress} ({settings.Models.Count} models, seeded generation, latency x{settings.TimeScale}, SigV4 verified)");
        output.WriteLine($"Functions API on {environment.BaseAddress} (quota ledger and conversations in memory)");
        output.WriteLine();

        using var http = new HttpClient { BaseAddress = environment.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var tour = new FunctionsTour(output, http, operation => server.Stats().Responses.Where(r => r.Key.StartsWith(operation + ":", StringComparison.Ordinal)).Sum(r => r.Value));
        var failures = await RunStepsAsync(output, tour.All(), cancellationToken).ConfigureAwait(false);

        output.WriteLine("Bedrock-level steps: the project's Bedrock client straight against the local Bedrock");
        output.WriteLine();
        var options = new BedrockClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = server.BaseAddress,
            Credentials = new BasicAWSCredentials(AccessKeyId, SecretAccessKey),
        };
        using var runtime = new BedrockRuntimeClient(options);
        using var control = new BedrockClient(options);
        failures += await RunStepsAsync(output, new DemoSteps(output, server, runtime, control).All(), cancellationToken).ConfigureAwait(false);

        var stats = server.Stats();
        output.WriteLine(failures == 0
            ? $"Done: every step behaved as Bedrock does. Local Bedrock answered {stats.Responses.Values.Sum()} runtime requests."
            : $"Done with {failures} failed step(s).");
        return failures == 0 ? 0 : 1;
    }

    private static async Task<int> RunStepsAsync(TextWriter output, IEnumerable<(string Title, Func<CancellationToken, Task> Step)> steps, CancellationToken cancellationToken)
    {
        var failures = 0;
        foreach (var (title, step) in steps)
        {
            output.WriteLine($"== {title}");
            try
            {
                await step(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is BedrockException or InvalidOperationException or ArgumentException or HttpRequestException or QuotaConfigurationException)
            {
                failures++;
                output.WriteLine($"   FAILED: {e.GetType().Name}: {e.Message}");
            }

            output.WriteLine();
        }

        return failures;
    }
}
