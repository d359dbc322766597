using Amazon.Runtime;
using Serverless.Functions;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Hosting;

namespace Serverless.LocalHost;

/// <summary>
/// Everything `./run.sh local` runs, in-process: a local Bedrock, the function catalog wired to it (in-memory quota
/// ledger and conversations unless configured otherwise), and the local host serving the API routes.
/// </summary>
public sealed class LocalEnvironment : IAsyncDisposable
{
    private LocalEnvironment(LocalBedrockServer bedrock, FunctionCatalog catalog, LocalFunctionHost host)
    {
        Bedrock = bedrock;
        Catalog = catalog;
        Host = host;
    }

    public LocalBedrockServer Bedrock { get; }

    public FunctionCatalog Catalog { get; }

    public LocalFunctionHost Host { get; }

    /// <summary>Where the API is served.</summary>
    public Uri BaseAddress => Host.BaseAddress;

    public static async Task<LocalEnvironment> StartAsync(LocalEnvironmentOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalEnvironmentOptions();
        var settings = options.BedrockSettings ?? SettingsLoader.Defaults();
        var bedrock = await LocalBedrockServer.StartAsync(settings, options.BedrockServer, cancellationToken).ConfigureAwait(false);
        FunctionCatalog? catalog = null;
        try
        {
            var configuration = LocalFunctionsConfiguration.From(settings, bedrock.BaseAddress);
            options.Configure?.Invoke(configuration);
            var dependencies = options.Dependencies;
            dependencies.BedrockCredentials ??= settings.Auth is { } auth
                ? new BasicAWSCredentials(auth.AccessKeyId, auth.SecretAccessKey)
                : new BasicAWSCredentials("AKIDLOCALHOST", "local-host-secret");
            catalog = new FunctionCatalog(configuration, dependencies);
            var host = await LocalFunctionHost.StartAsync(catalog, options.Host, cancellationToken).ConfigureAwait(false);
            return new LocalEnvironment(bedrock, catalog, host);
        }
        catch
        {
            catalog?.Dispose();
            await bedrock.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().ConfigureAwait(false);
        Catalog.Dispose();
        await Bedrock.DisposeAsync().ConfigureAwait(false);
    }
}
