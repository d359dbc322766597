using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Serverless.Batch.Pending;
using Serverless.Batch.Storage;
using Serverless.Bedrock;
using Serverless.Conversations;
using Serverless.Functions.Handlers.Batches;
using Serverless.Quota.Storage;

namespace Serverless.Functions;

/// <summary>
/// What the catalog cannot read from configuration: clocks, randomness, credentials, HTTP handlers and clients. The
/// defaults are what Lambda uses; tests and the local host replace them.
/// </summary>
public sealed class FunctionDependencies
{
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Retry jitter, idempotency tokens, shard choice and new conversation ids; seed it in tests.</summary>
    public Random Random { get; set; } = Random.Shared;

    /// <summary>Where EMF metric lines go when MetricsNamespace is set; null for stdout (which Lambda ships to CloudWatch Logs).</summary>
    public TextWriter? MetricsSink { get; set; }

    /// <summary>Credentials Bedrock calls are signed with; null for the default chain (the Lambda role).</summary>
    public AWSCredentials? BedrockCredentials { get; set; }

    /// <summary>HTTP handler of the Bedrock client (tests may wrap the real one); null for the client's own.</summary>
    public HttpMessageHandler? BedrockHttpHandler { get; set; }

    /// <summary>Retries of the Bedrock client; null for its defaults.</summary>
    public RetryOptions? BedrockRetry { get; set; }

    /// <summary>Creates the DynamoDB client for the ledger and the conversation store (DynamoDB Local in tests); null builds one from configuration.</summary>
    public Func<IAmazonDynamoDB>? DynamoDbClient { get; set; }

    /// <summary>A ready quota store instead of the configured kind.</summary>
    public IQuotaStore? QuotaStore { get; set; }

    /// <summary>A ready conversation store instead of the configured kind.</summary>
    public IConversationStore? ConversationStore { get; set; }

    /// <summary>Where the batch route writes inline records; null for S3 (configured by S3_ENDPOINT_URL / the Lambda role).</summary>
    public IBatchObjectStore? BatchObjectStore { get; set; }

    /// <summary>Where deferred batches wait; null for the configured kind.</summary>
    public IPendingBatchStore? PendingBatchStore { get; set; }

    /// <summary>Starts batch executions; null for Step Functions (BatchStateMachineArn) through <see cref="StepFunctions.AmazonStepFunctionsClient"/>.</summary>
    public IBatchExecutionStarter? BatchExecutionStarter { get; set; }

    /// <summary>Links to results files; null for S3 presigned URLs (when BatchResultsPrefix is set).</summary>
    public IBatchResultsLinks? BatchResultsLinks { get; set; }

    /// <summary>Credentials Step Functions calls are signed with; null for the default chain.</summary>
    public AWSCredentials? StepFunctionsCredentials { get; set; }

    /// <summary>HTTP handler of the Step Functions client; null for its own.</summary>
    public HttpMessageHandler? StepFunctionsHttpHandler { get; set; }

    /// <summary>Retries of the Step Functions client; null for its defaults.</summary>
    public RetryOptions? StepFunctionsRetry { get; set; }
}
