using System.Text.Json;
using Serverless.Batch;
using Serverless.Batch.Jobs;
using Serverless.Batch.Pending;
using Serverless.Batch.Results;
using Serverless.Batch.Steps;
using Serverless.Functions.Configuration;

namespace Serverless.Functions.Lambda.Batch;

/// <summary>
/// Builds the batch steps' services from the function's environment (set by the CDK app). The shared pieces — ledger,
/// its store, Bedrock client, table client, batch bucket — come from the inference functions' catalog and its
/// variables (docs/functions.md), so on-demand retries share the ledger with the API; the variables here are batch-only.
/// </summary>
internal static class BatchEnvironment
{
    /// <summary>s3://bucket/prefix/ under which each run keeps its shards and job output.</summary>
    public const string WorkPrefix = "BATCH_WORK_PREFIX";

    /// <summary>Bedrock's "batch inference jobs per model" quota (submitted + in progress) for models not in <see cref="JobQuotas"/>; 10 when unset.</summary>
    public const string JobsPerModel = "BATCH_JOBS_PER_MODEL";

    /// <summary>The same quota per model id, as a JSON object {"model id": jobs}.</summary>
    public const string JobQuotas = "BATCH_JOB_QUOTAS";

    public static BatchStepCatalog CreateCatalog(FunctionCatalog functions, Func<string, string?> environment, TimeProvider time, Random random)
    {
        string Required(string name) => environment(name) is { Length: > 0 } value
            ? value.Trim()
            : throw new FunctionsConfigurationException($"{name} is required by the batch steps (set by the CDK app).");

        var settings = new BatchSettings { WorkPrefix = Required(WorkPrefix) };
        var jobsPerModel = environment(JobsPerModel) is { Length: > 0 } jobs
            ? int.TryParse(jobs, out var parsed) && parsed > 0 ? parsed : throw new FunctionsConfigurationException($"{JobsPerModel}: '{jobs}' is not a positive whole number.")
            : 10;

        var resultsTable = functions.Configuration.BatchResultsTableName
                           ?? throw new FunctionsConfigurationException($"{FunctionsEnvironment.BatchResultsTable} is required by the batch steps (set by the CDK app).");

        return new BatchStepCatalog(new BatchServices
        {
            Settings = settings,
            ObjectStore = functions.BatchObjectStore,
            Results = new DynamoDbResultsStore(functions.TablesDynamoDb, resultsTable, time),
            Pending = new DynamoDbPendingBatchStore(functions.TablesDynamoDb, resultsTable),
            // Job slots must be shared by every instance of every step: they keep their leases in the ledger's store.
            JobSlots = new JobSlotLedger(functions.QuotaStore,
                new JobSlotOptions { DefaultJobsPerModel = jobsPerModel, JobsPerModel = ParseJobQuotas(environment(JobQuotas)) }, time, random),
            OnDemandLedger = functions.Ledger,
            Runtime = () => functions.Bedrock,
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

}
