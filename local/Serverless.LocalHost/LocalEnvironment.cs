using Amazon.Runtime;
using Serverless.Batch.Pending;
using Serverless.Batch.Storage;
using Serverless.Functions;
using Serverless.Functions.Configuration;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Hosting;

namespace Serverless.LocalHost;

/// <summary>
/// Everything `./run.sh local` runs, in-process: a local Bedrock, the function catalog wired to it (in-memory quota
/// ledger and conversations unless configured otherwise), and the local host serving the API routes.
/// </summary>
public sealed class LocalEnvironment : IAsyncDisposable
{
    private LocalEnvironment(LocalBedrockServer bedrock, FunctionCatalog catalog, LocalFunctionHost host, FunctionDependencies dependencies)
    {
        Bedrock = bedrock;
        Catalog = catalog;
        Host = host;
        Dependencies = dependencies;
    }

    /// <summary>What the catalog was built with, local defaults filled in (the batch route's stores and starter among them).</summary>
    public FunctionDependencies Dependencies { get; }

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
            WireBatch(configuration, dependencies);
            dependencies.BedrockCredentials ??= settings.Auth is { } auth
                ? new BasicAWSCredentials(auth.AccessKeyId, auth.SecretAccessKey)
                : new BasicAWSCredentials("AKIDLOCALHOST", "local-host-secret");
            catalog = new FunctionCatalog(configuration, dependencies);
            var host = await LocalFunctionHost.StartAsync(catalog, options.Host, cancellationToken).ConfigureAwait(false);
            return new LocalEnvironment(bedrock, catalog, host, dependencies);
        }
        catch
        {
            catalog?.Dispose();
            await bedrock.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The batch route locally: an in-memory object store and pending store (unless S3 or DynamoDB is configured), and — unless a state machine is configured
    /// (a Step Functions endpoint, as the tests do) — a starter that records executions instead of running them.
    /// </summary>
    private static void WireBatch(FunctionsConfiguration configuration, FunctionDependencies dependencies)
    {
        configuration.BatchInputPrefix ??= LocalInputPrefix;
        if (configuration.S3Endpoint is null)
        {
            dependencies.BatchObjectStore ??= new InMemoryBatchObjectStore();
        }

        if (configuration.BatchPendingStore == PendingBatchStoreKind.InMemory)
        {
            dependencies.PendingBatchStore ??= new InMemoryPendingBatchStore();
        }

        if (configuration.BatchStateMachineArn is null)
        {
            configuration.BatchStateMachineArn = RecordingExecutionStarter.StateMachineArn;
            dependencies.BatchExecutionStarter ??= new RecordingExecutionStarter(dependencies.TimeProvider);
        }
    }

    /// <summary>Where the batch route writes inline records locally.</summary>
    public const string LocalInputPrefix = "s3://local-batch/api/";

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().ConfigureAwait(false);
        Catalog.Dispose();
        await Bedrock.DisposeAsync().ConfigureAwait(false);
    }
}
