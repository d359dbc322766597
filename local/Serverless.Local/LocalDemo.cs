using Amazon.Runtime;
using Serverless.Bedrock;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Hosting;

namespace Serverless.Local;

/// <summary>
/// Starts a local Bedrock with the embedded defaults (every request SigV4-verified), points the Bedrock client at
/// it and runs the demo steps in order, each printing what it sent and what came back.
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

        await using var server = await LocalBedrockServer.StartAsync(settings, cancellationToken: cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Local Bedrock on {server.BaseAddress} ({settings.Models.Count} models, seeded generation, latency x{settings.TimeScale}, SigV4 verified)");
        output.WriteLine();

        var options = new BedrockClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = server.BaseAddress,
            Credentials = new BasicAWSCredentials(AccessKeyId, SecretAccessKey),
        };
        using var runtime = new BedrockRuntimeClient(options);
        using var control = new BedrockClient(options);
        var steps = new DemoSteps(output, server, runtime, control);

        var failures = 0;
        foreach (var (title, step) in steps.All())
        {
            output.WriteLine($"== {title}");
            try
            {
                await step(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is BedrockException or InvalidOperationException or ArgumentException)
            {
                failures++;
                output.WriteLine($"   FAILED: {e.GetType().Name}: {e.Message}");
            }

            output.WriteLine();
        }

        var stats = server.Stats();
        output.WriteLine(failures == 0
            ? $"Done: every step behaved as Bedrock does. Local Bedrock answered {stats.Responses.Values.Sum()} runtime requests."
            : $"Done with {failures} failed step(s).");
        return failures == 0 ? 0 : 1;
    }
}
