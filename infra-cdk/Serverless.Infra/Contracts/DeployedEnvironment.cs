namespace Serverless.Infra.Contracts;

/// <summary>
/// Environment variables the stack sets beyond Serverless.Functions' FunctionsEnvironment: one place, listed in
/// docs/deploy.md. The batch steps' names are those Serverless.Functions.Lambda's BatchEnvironment reads (an internal
/// class, so they are repeated here); the rest are for the executable to read as it grows.
/// </summary>
public static class DeployedEnvironment
{
    /// <summary>On the managed dotnet runtime <c>_HANDLER</c> must be the assembly name, so this names the function.</summary>
    public const string FunctionHandler = Serverless.Lambda.RuntimeSupport.LambdaEnvironment.FunctionHandler;

    /// <summary>s3://bucket/batch/ — BatchSettings.WorkPrefix: every batch run keeps its files under it.</summary>
    public const string BatchWorkPrefix = "BATCH_WORK_PREFIX";

    /// <summary>The batch results table (DynamoDbResultsStore; pending deferred batches live in it too).</summary>
    public const string BatchResultsTable = Serverless.Functions.Configuration.FunctionsEnvironment.BatchResultsTable;

    /// <summary>
    /// The batch jobs quota of a model missing from <see cref="BatchJobQuotas"/>: the smallest configured
    /// <c>batchJobs</c>, so no model's quota is exceeded.
    /// </summary>
    public const string BatchJobsPerModel = "BATCH_JOBS_PER_MODEL";

    /// <summary>JSON object model id → Bedrock batch jobs quota, for JobSlotOptions.JobsPerModel (read by the executable's BatchEnvironment).</summary>
    public const string BatchJobQuotas = "BATCH_JOB_QUOTAS";

    /// <summary>s3://bucket/async/ — the only place StartAsyncInvoke outputs may be written to.</summary>
    public const string AsyncOutputPrefix = "ASYNC_OUTPUT_PREFIX";

    /// <summary>CloudWatch namespace of the Embedded Metric Format metrics (<see cref="EmfMetrics"/>).</summary>
    public const string MetricsNamespace = "METRICS_NAMESPACE";

    /// <summary>The deployment's environment name (dev, prod, ...), e.g. for log lines.</summary>
    public const string DeploymentEnvironment = "DEPLOYMENT_ENVIRONMENT";
}
