using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Serverless.Batch.Storage;
using Serverless.Conversations.Storage.DynamoDb;
using Serverless.Functions.Configuration;
using Serverless.Functions.Routing;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Hosting;
using Serverless.LocalHost;
using Serverless.Quota.Storage.DynamoDb;

namespace Serverless.Local;

/// <summary>Starts the local environment, prints where everything is and how to call it, and serves until cancelled.</summary>
internal static class LocalServe
{
    private const string QuotaTable = "bedrock-quota-ledger";
    private const string ConversationTable = "bedrock-conversations";

    public static async Task<int> RunAsync(TextWriter output, LocalArguments arguments, CancellationToken cancellationToken)
    {
        var settings = SettingsLoader.Defaults();
        settings.TimeScale = arguments.TimeScale ?? settings.TimeScale;
        settings.Seed = arguments.Seed ?? settings.Seed;
        var options = new LocalEnvironmentOptions
        {
            BedrockSettings = settings,
            BedrockServer = new LocalBedrockServerOptions { Port = arguments.BedrockPort },
            Host = new LocalHostOptions { Port = arguments.Port },
        };

        if (arguments.DynamoDbEndpoint is { } endpoint)
        {
            var client = DynamoDbClient(endpoint);
            await CreateTablesAsync(client, cancellationToken).ConfigureAwait(false);
            options.Dependencies.DynamoDbClient = () => client;
            options.Configure = configuration =>
            {
                configuration.QuotaStore = QuotaStoreKind.DynamoDb;
                configuration.QuotaTableName = QuotaTable;
                configuration.ConversationStore = ConversationStoreKind.DynamoDb;
                configuration.ConversationTableName = ConversationTable;
            };
        }

        // The batch route runs what it starts (the state machine in aws-local-stepfunctions; needs npm ci).
        var batchObjects = new InMemoryBatchObjectStore();
        await using var workflows = new WorkflowExecutionStarter(batchObjects, TimeProvider.System);
        options.Dependencies.BatchObjectStore = batchObjects;
        options.Dependencies.BatchExecutionStarter = workflows;
        await using var environment = await LocalEnvironment.StartAsync(options, cancellationToken).ConfigureAwait(false);
        var stores = arguments.DynamoDbEndpoint is { } dynamo ? $"DynamoDB at {dynamo} (tables {QuotaTable}, {ConversationTable})" : "in memory";
        output.WriteLine($"Local Bedrock  {environment.Bedrock.BaseAddress}  ({settings.Models.Count} models, seeded answers, latency x{settings.TimeScale})");
        output.WriteLine($"Functions API  {environment.BaseAddress}  (quota ledger and conversations {stores})");
        output.WriteLine();
        output.WriteLine("Routes:");
        foreach (var route in FunctionRoutes.All)
        {
            output.WriteLine($"  {route.Method,-5} {route.PathTemplate,-32} {route.FunctionName} ({route.Kind.ToString().ToLowerInvariant()})");
        }

        output.WriteLine();
        output.WriteLine("Try (the x-caller-id header picks the caller; default \"local\"):");
        foreach (var (title, command) in CurlExamples.For(environment.BaseAddress))
        {
            output.WriteLine($"  # {title}");
            output.WriteLine($"  {command}");
        }

        output.WriteLine();
        output.WriteLine("Serving until Ctrl+C.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            output.WriteLine("Stopped.");
        }

        return 0;
    }

    private static AmazonDynamoDBClient DynamoDbClient(Uri endpoint)
    {
        // DynamoDB Local accepts any credentials; a real endpoint uses the environment's.
        var credentials = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") is { Length: > 0 }
            ? null
            : new BasicAWSCredentials("local", "local");
        var config = new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 };
        return credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(credentials, config);
    }

    private static async Task CreateTablesAsync(IAmazonDynamoDB client, CancellationToken cancellationToken)
    {
        foreach (var request in new[] { QuotaTableDefinition.CreateTableRequest(QuotaTable), ConversationTableDefinition.CreateTableRequest(ConversationTable) })
        {
            try
            {
                await client.CreateTableAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (ResourceInUseException)
            {
                // Already there from an earlier run.
            }
        }
    }
}
