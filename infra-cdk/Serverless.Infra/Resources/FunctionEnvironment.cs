using Serverless.Functions.Configuration;
using Serverless.Infra.Configuration;
using Serverless.Infra.Contracts;

namespace Serverless.Infra.Resources;

/// <summary>
/// The environment variables of each function: what its handler reads and nothing of the others' (a function that
/// does not keep conversations does not learn the conversation table's name).
/// </summary>
public sealed class FunctionEnvironment(InfraSettings settings, FunctionConfiguration configuration, DataStores stores)
{
    /// <summary>Lambda refuses a function whose variables exceed 4 KB in total; the JSON documents must leave room for the rest.</summary>
    public const int JsonBudgetBytes = 3 * 1024;

    public Dictionary<string, string> For(HandlerSpec handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var variables = new Dictionary<string, string>(settings.Environment, StringComparer.Ordinal)
        {
            [DeployedEnvironment.MetricsNamespace] = EmfMetrics.Namespace(settings.EnvironmentName),
            [DeployedEnvironment.DeploymentEnvironment] = settings.EnvironmentName,
        };
        if (settings.DeployMode.RunsOnManagedRuntime())
        {
            variables[DeployedEnvironment.FunctionHandler] = handler.Name;
        }

        if (handler.Kind is HandlerKind.Http or HandlerKind.Streaming or HandlerKind.BatchStep)
        {
            variables[FunctionsEnvironment.QuotaStore] = "dynamodb";
            variables[FunctionsEnvironment.QuotaTable] = stores.QuotaTable.TableName;
            variables[FunctionsEnvironment.QuotaConfig] = configuration.QuotaJson;
            variables[FunctionsEnvironment.ModelsConfig] = configuration.ModelsJson;
        }

        if (handler.Name is HandlerNames.Converse or HandlerNames.ConverseStream)
        {
            variables[FunctionsEnvironment.ConversationStore] = "dynamodb";
            variables[FunctionsEnvironment.ConversationTable] = stores.ConversationTable.TableName;
        }

        if (handler.Name == HandlerNames.AsyncStart)
        {
            variables[DeployedEnvironment.AsyncOutputPrefix] = stores.S3Uri(BucketLayout.AsyncOutput);
        }

        if (handler.Name == settings.BatchFunction)
        {
            // Inline records and receipts go to {prefix}{batchId}/; deferred batches wait in the results table.
            // BATCH_STATE_MACHINE_ARN is added by the stack once the state machine exists.
            variables[FunctionsEnvironment.BatchInputPrefix] = stores.S3Uri(BucketLayout.BatchIncoming);
            // The status lookup links a caller's results file there (a presigned GET, signed with this function's role).
            variables[FunctionsEnvironment.BatchResultsPrefix] = stores.S3Uri(BucketLayout.BatchRuns);
            variables[FunctionsEnvironment.BatchPendingStore] = "dynamodb";
            variables[FunctionsEnvironment.BatchResultsTable] = stores.ResultsTable.TableName;
        }

        if (handler.Kind == HandlerKind.BatchStep)
        {
            variables[DeployedEnvironment.BatchWorkPrefix] = stores.S3Uri(BucketLayout.Batch);
            variables[DeployedEnvironment.BatchResultsTable] = stores.ResultsTable.TableName;
            variables[DeployedEnvironment.BatchJobsPerModel] = settings.Models.Min(m => m.BatchJobs).ToString(System.Globalization.CultureInfo.InvariantCulture);
            variables[DeployedEnvironment.BatchJobQuotas] = configuration.BatchJobQuotasJson;
        }

        CheckSize(handler, variables);
        return variables;
    }

    // Table names and the bucket are tokens until deploy; the rest is known now and must fit well under 4 KB.
    private void CheckSize(HandlerSpec handler, Dictionary<string, string> variables)
    {
        var known = variables.Where(v => !Amazon.CDK.Token.IsUnresolved(v.Value)).Sum(v => v.Key.Length + v.Value.Length);
        if (known > JsonBudgetBytes)
        {
            throw new InfraSettingsException(
                $"{InfraSettingsReader.ContextKey}[{settings.EnvironmentName}]: the environment of '{handler.Name}' would take {known} bytes "
                + $"(QUOTA_CONFIG, MODELS_CONFIG and 'environment'); Lambda allows 4 KB in all. Configure fewer models or shorter settings.");
        }
    }
}
