using Serverless.Quota;

namespace Serverless.Functions.Configuration;

/// <summary>
/// Everything the functions are configured with. In Lambda it comes from environment variables
/// (<see cref="FunctionsEnvironment.Load"/>); locally and in tests it is built in code. Nothing here is resolved or
/// connected until a function needs it (<see cref="FunctionCatalog"/>).
/// </summary>
public sealed partial class FunctionsConfiguration
{
    /// <summary>Bedrock's signing and endpoint region; null falls back to AWS_REGION.</summary>
    public string? BedrockRegion { get; set; }

    /// <summary>A Bedrock endpoint other than AWS's (the local Bedrock); null for AWS.</summary>
    public Uri? BedrockEndpoint { get; set; }

    /// <summary>The quota ledger's limits; its model list is also the list of models the functions accept.</summary>
    public QuotaLedgerOptions Quota { get; set; } = new();

    public QuotaStoreKind QuotaStore { get; set; } = QuotaStoreKind.InMemory;

    /// <summary>The ledger table when <see cref="QuotaStore"/> is DynamoDb.</summary>
    public string? QuotaTableName { get; set; }

    /// <summary>A DynamoDB endpoint other than AWS's (DynamoDB Local), for both tables.</summary>
    public Uri? DynamoDbEndpoint { get; set; }

    /// <summary>DynamoDB's region; null falls back to AWS_REGION.</summary>
    public string? DynamoDbRegion { get; set; }

    public ConversationStoreKind ConversationStore { get; set; } = ConversationStoreKind.None;

    /// <summary>The conversation table when <see cref="ConversationStore"/> is DynamoDb.</summary>
    public string? ConversationTableName { get; set; }

    /// <summary>Most history tokens sent with a new turn; older turns are dropped first (sliding window).</summary>
    public int ConversationTokenBudget { get; set; } = 8_000;

    /// <summary>
    /// The model that summarises the turns a conversation drops for its budget (a call gated by the caller's quota, like
    /// any other): a model of the quota configuration, <see cref="SummarizeWithSameModel"/> for the conversation's own
    /// model, or null for no summaries (the default: a summary is one more model call per turn that drops history).
    /// </summary>
    public string? ConversationSummaryModel { get; set; }

    /// <summary>The value of <see cref="ConversationSummaryModel"/> that summarises with the conversation's own model.</summary>
    public const string SummarizeWithSameModel = "same";

    /// <summary>True when <see cref="ConversationSummaryModel"/> names a model the ledger has no quota for.</summary>
    internal bool HasUnknownSummaryModel
        => ConversationSummaryModel is { } model && model != SummarizeWithSameModel && !IsKnownModel(model);

    /// <summary>Per-model capabilities (default maxTokens, structured output mode, CountTokens); models absent here use the defaults.</summary>
    public Dictionary<string, ModelCapabilities> Models { get; set; } = new(StringComparer.Ordinal);

    /// <summary>maxTokens reserved when neither the request nor the model's capabilities give one.</summary>
    public int DefaultMaxTokens { get; set; } = 4_096;

    /// <summary>A lower body limit than the routes' own (null keeps theirs).</summary>
    public int? MaxRequestBodyBytes { get; set; }

    /// <summary>The batch workflow's state machine, which the batch route starts; null when only deferred batches are taken.</summary>
    public string? BatchStateMachineArn { get; set; }

    /// <summary>s3://bucket/prefix/ under which the batch route writes inline records (<c>{batchId}/records.jsonl</c>).</summary>
    public string? BatchInputPrefix { get; set; }

    /// <summary>
    /// s3://bucket/prefix/ under which the batch workflow writes results files; the status lookup links a caller's
    /// results there (a presigned GET). Null: no links.
    /// </summary>
    public string? BatchResultsPrefix { get; set; }

    public PendingBatchStoreKind BatchPendingStore { get; set; } = PendingBatchStoreKind.InMemory;

    /// <summary>The batch results table when <see cref="BatchPendingStore"/> is DynamoDb (deferred batches wait there).</summary>
    public string? BatchResultsTableName { get; set; }

    /// <summary>A Step Functions endpoint other than AWS's; null for AWS.</summary>
    public Uri? StepFunctionsEndpoint { get; set; }

    /// <summary>Step Functions' signing region; null falls back to AWS_REGION.</summary>
    public string? StepFunctionsRegion { get; set; }

    /// <summary>An S3 endpoint other than AWS's (s3rver); null for AWS.</summary>
    public Uri? S3Endpoint { get; set; }

    /// <summary>CloudWatch namespace of the EMF metrics the functions write to stdout; null writes none.</summary>
    public string? MetricsNamespace { get; set; }

    /// <summary>Whether the functions accept this model id (it has a quota in the ledger).</summary>
    public bool IsKnownModel(string modelId) => Quota.Models.ContainsKey(modelId);

    public ModelCapabilities CapabilitiesOf(string modelId)
        => Models.TryGetValue(modelId, out var capabilities) ? capabilities : DefaultCapabilities;

    public int DefaultMaxTokensOf(string modelId) => CapabilitiesOf(modelId).DefaultMaxTokens ?? DefaultMaxTokens;

    public int BodyLimit(int routeLimit) => MaxRequestBodyBytes is { } configured ? Math.Min(configured, routeLimit) : routeLimit;

    private static readonly ModelCapabilities DefaultCapabilities = new();

    /// <summary>Throws <see cref="FunctionsConfigurationException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Quota);
        try
        {
            Quota.Validate();
        }
        catch (QuotaConfigurationException exception)
        {
            throw new FunctionsConfigurationException(exception.Message);
        }

        if (QuotaStore == QuotaStoreKind.DynamoDb && string.IsNullOrWhiteSpace(QuotaTableName))
        {
            throw new FunctionsConfigurationException("QuotaTableName is required when QuotaStore is DynamoDb.");
        }

        if (ConversationStore == ConversationStoreKind.DynamoDb && string.IsNullOrWhiteSpace(ConversationTableName))
        {
            throw new FunctionsConfigurationException("ConversationTableName is required when ConversationStore is DynamoDb.");
        }

        if (ConversationTokenBudget < 1)
        {
            throw new FunctionsConfigurationException($"ConversationTokenBudget must be at least 1 (was {ConversationTokenBudget}).");
        }

        if (HasUnknownSummaryModel)
        {
            throw new FunctionsConfigurationException(
                $"ConversationSummaryModel '{ConversationSummaryModel}' is not a model of the quota configuration: summaries are model calls the ledger must gate (name a configured model, or '{SummarizeWithSameModel}').");
        }

        if (DefaultMaxTokens < 1)
        {
            throw new FunctionsConfigurationException($"DefaultMaxTokens must be at least 1 (was {DefaultMaxTokens}).");
        }

        if (MaxRequestBodyBytes is < 0)
        {
            throw new FunctionsConfigurationException($"MaxRequestBodyBytes must not be negative (was {MaxRequestBodyBytes}).");
        }

        ValidateBatch();
        foreach (var (modelId, capabilities) in Models)
        {
            if (capabilities is null)
            {
                throw new FunctionsConfigurationException($"Models[\"{modelId}\"] is null.");
            }

            if (capabilities.DefaultMaxTokens is < 1)
            {
                throw new FunctionsConfigurationException($"Models[\"{modelId}\"].DefaultMaxTokens must be at least 1 (was {capabilities.DefaultMaxTokens}).");
            }
        }
    }

    private void ValidateBatch()
    {
        if (BatchInputPrefix is { } prefix && !IsS3Prefix(prefix))
        {
            throw new FunctionsConfigurationException($"BatchInputPrefix: '{prefix}' is not an s3://bucket/ or s3://bucket/prefix/ URI.");
        }

        if (BatchResultsPrefix is { } results && !IsS3Prefix(results))
        {
            throw new FunctionsConfigurationException($"BatchResultsPrefix: '{results}' is not an s3://bucket/ or s3://bucket/prefix/ URI.");
        }

        if (BatchStateMachineArn is { } arn && !IsStateMachineArn(arn))
        {
            throw new FunctionsConfigurationException($"BatchStateMachineArn: '{arn}' is not a state machine ARN (arn:PARTITION:states:REGION:ACCOUNT:stateMachine:NAME).");
        }

        if (BatchPendingStore == PendingBatchStoreKind.DynamoDb && string.IsNullOrWhiteSpace(BatchResultsTableName))
        {
            throw new FunctionsConfigurationException("BatchResultsTableName is required when BatchPendingStore is DynamoDb.");
        }
    }

    internal static bool IsS3Prefix(string value)
        => Serverless.Batch.Storage.S3Location.TryParse(value, out var location) && (location.Key.Length == 0 || location.Key.EndsWith('/'));

    internal static bool IsStateMachineArn(string value) => StateMachineArnPattern().IsMatch(value);

    [System.Text.RegularExpressions.GeneratedRegex("^arn:[a-z-]+:states:[a-z0-9-]+:[0-9]{12}:stateMachine:[^:]{1,80}(:[^:]+)?$")]
    private static partial System.Text.RegularExpressions.Regex StateMachineArnPattern();
}
