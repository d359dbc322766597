using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.S3;
using Serverless.Batch;
using Serverless.Batch.Jobs;
using Serverless.Batch.Pending;
using Serverless.Batch.Results;
using Serverless.Batch.Steps;
using Serverless.Batch.Storage;
using Serverless.Bedrock;
using Serverless.Functions.Configuration;
using Serverless.Quota.Storage;
using Serverless.Quota.Storage.DynamoDb;

namespace Serverless.Functions.Lambda.Batch;

/// <summary>
/// Builds the batch steps' services from the function's environment (set by the CDK app). The quota settings
/// (QUOTA_CONFIG, QUOTA_TABLE, BEDROCK_REGION...) are the inference functions' own (docs/functions.md), so on-demand
/// retries share the ledger with the API; the rest is batch-only.
/// </summary>
internal static class BatchEnvironment
{
    /// <summary>s3://bucket/prefix/ under which each run keeps its shards and job output.</summary>
    public const string WorkPrefix = "BATCH_WORK_PREFIX";

    /// <summary>The batch results table (pending deferred batches live in it too, under their own partition).</summary>
    public const string ResultsTable = "BATCH_RESULTS_TABLE";

    /// <summary>Bedrock's "batch inference jobs per model" quota (submitted + in progress) for models not in <see cref="JobQuotas"/>; 10 when unset.</summary>
    public const string JobsPerModel = "BATCH_JOBS_PER_MODEL";

    /// <summary>The same quota per model id, as a JSON object {"model id": jobs}.</summary>
    public const string JobQuotas = "BATCH_JOB_QUOTAS";

    public static BatchStepCatalog CreateCatalog(FunctionCatalog functions, Func<string, string?> environment, TimeProvider time, Random random)
    {
        string Required(string name) => environment(name) is { Length: > 0 } value
            ? value.Trim()
            : throw new FunctionsConfigurationException($"{name} is required by the batch steps (set by the CDK app).");

        var configuration = functions.Configuration;
        var settings = new BatchSettings { WorkPrefix = Required(WorkPrefix) };
        var jobsPerModel = environment(JobsPerModel) is { Length: > 0 } jobs
            ? int.TryParse(jobs, out var parsed) && parsed > 0 ? parsed : throw new FunctionsConfigurationException($"{JobsPerModel}: '{jobs}' is not a positive whole number.")
            : 10;

        var dynamoDb = new AmazonDynamoDBClient(DynamoDbConfig(configuration, maxErrorRetry: null));
        var resultsTable = Required(ResultsTable);
        // Job slots must be shared by every instance of every step, so they live in the quota table; the ledger
        // bounds each call itself, so its client does not retry on its own.
        IQuotaStore slotStore = configuration.QuotaStore == QuotaStoreKind.DynamoDb
            ? new DynamoDbQuotaStore(new AmazonDynamoDBClient(DynamoDbConfig(configuration, maxErrorRetry: 0)),
                new DynamoDbQuotaStoreOptions { TableName = configuration.QuotaTableName! }, time, random)
            : new InMemoryQuotaStore();

        var bedrock = new Lazy<BedrockRuntimeClient>(() => new BedrockRuntimeClient(new BedrockClientOptions
        {
            Region = configuration.BedrockRegion,
            ServiceUrl = configuration.BedrockEndpoint,
            TimeProvider = time,
            Random = random,
        }));

        return new BatchStepCatalog(new BatchServices
        {
            Settings = settings,
            ObjectStore = new S3BatchObjectStore(new AmazonS3Client()),
            Results = new DynamoDbResultsStore(dynamoDb, resultsTable, time),
            Pending = new DynamoDbPendingBatchStore(dynamoDb, resultsTable),
            JobSlots = new JobSlotLedger(slotStore,
                new JobSlotOptions { DefaultJobsPerModel = jobsPerModel, JobsPerModel = ParseJobQuotas(environment(JobQuotas)) }, time, random),
            OnDemandLedger = functions.Ledger,
            Runtime = () => bedrock.Value,
            Time = time,
            Random = random,
        });
    }

    /// <summary>Reads <see cref="JobQuotas"/>: an object of positive whole numbers; empty when unset.</summary>
    /// <exception cref="FunctionsConfigurationException">Not such an object; the message names the variable and the model.</exception>
    internal static Dictionary<string, int> ParseJobQuotas(string? json)
    {
        var quotas = new Dictionary<string, int>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return quotas;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FunctionsConfigurationException($"{JobQuotas}: expected a JSON object of model id to jobs, got {document.RootElement.ValueKind}.");
            }

            foreach (var model in document.RootElement.EnumerateObject())
            {
                if (model.Value.ValueKind != JsonValueKind.Number || !model.Value.TryGetInt32(out var jobs) || jobs < 1)
                {
                    throw new FunctionsConfigurationException($"{JobQuotas}: '{model.Name}' must be a positive whole number of jobs, got {model.Value.GetRawText()}.");
                }

                quotas[model.Name] = jobs;
            }
        }
        catch (JsonException e)
        {
            throw new FunctionsConfigurationException($"{JobQuotas}: not valid JSON ({e.Message}).");
        }

        return quotas;
    }

    private static AmazonDynamoDBConfig DynamoDbConfig(FunctionsConfiguration configuration, int? maxErrorRetry)
    {
        var config = new AmazonDynamoDBConfig();
        if (maxErrorRetry is { } retries)
        {
            config.MaxErrorRetry = retries;
        }

        if (configuration.DynamoDbEndpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = configuration.DynamoDbRegion ?? "us-east-1";
        }

        return config;
    }
}
