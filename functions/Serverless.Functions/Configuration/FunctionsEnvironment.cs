using System.Globalization;
using System.Text.Json;
using Serverless.Quota;

namespace Serverless.Functions.Configuration;

/// <summary>
/// Reads <see cref="FunctionsConfiguration"/> from environment variables (how Lambda configures a function). Every
/// variable is optional; docs/functions.md lists them. A bad value fails start-up with the variable's name.
/// </summary>
public static class FunctionsEnvironment
{
    public const string BedrockEndpoint = "BEDROCK_ENDPOINT_URL";
    public const string BedrockRegion = "BEDROCK_REGION";
    public const string QuotaConfig = "QUOTA_CONFIG";
    public const string QuotaStore = "QUOTA_STORE";
    public const string QuotaTable = "QUOTA_TABLE";
    public const string DynamoDbEndpoint = "DYNAMODB_ENDPOINT_URL";
    public const string ConversationStore = "CONVERSATION_STORE";
    public const string ConversationTable = "CONVERSATION_TABLE";
    public const string ConversationTokenBudget = "CONVERSATION_TOKEN_BUDGET";
    public const string ConversationSummaryModel = "CONVERSATION_SUMMARY_MODEL";
    public const string ModelsConfig = "MODELS_CONFIG";
    public const string DefaultMaxTokens = "DEFAULT_MAX_TOKENS";
    public const string MaxBodyBytes = "MAX_BODY_BYTES";
    public const string BatchStateMachineArn = "BATCH_STATE_MACHINE_ARN";
    public const string BatchInputPrefix = "BATCH_INPUT_PREFIX";
    public const string BatchResultsPrefix = "BATCH_RESULTS_PREFIX";
    public const string BatchPendingStore = "BATCH_PENDING_STORE";
    public const string BatchResultsTable = "BATCH_RESULTS_TABLE";
    public const string StepFunctionsEndpoint = "STEPFUNCTIONS_ENDPOINT_URL";
    public const string S3Endpoint = "S3_ENDPOINT_URL";
    public const string MetricsNamespace = "METRICS_NAMESPACE";

    /// <param name="environment">Looks a variable up (Environment.GetEnvironmentVariable in Lambda).</param>
    /// <exception cref="FunctionsConfigurationException">A variable has an invalid value; the message names it.</exception>
    public static FunctionsConfiguration Load(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? Get(string name) => environment(name) is { Length: > 0 } value ? value.Trim() : null;

        var configuration = new FunctionsConfiguration
        {
            BedrockEndpoint = Url(Get(BedrockEndpoint), BedrockEndpoint),
            BedrockRegion = Get(BedrockRegion),
            Quota = Quota(Get(QuotaConfig)),
            QuotaStore = Get(QuotaStore) switch
            {
                null or "memory" => QuotaStoreKind.InMemory,
                "dynamodb" => QuotaStoreKind.DynamoDb,
                var other => throw Invalid(QuotaStore, other, "memory or dynamodb"),
            },
            QuotaTableName = Get(QuotaTable),
            DynamoDbEndpoint = Url(Get(DynamoDbEndpoint), DynamoDbEndpoint),
            ConversationStore = Get(ConversationStore) switch
            {
                null or "none" => ConversationStoreKind.None,
                "memory" => ConversationStoreKind.InMemory,
                "dynamodb" => ConversationStoreKind.DynamoDb,
                var other => throw Invalid(ConversationStore, other, "none, memory or dynamodb"),
            },
            ConversationTableName = Get(ConversationTable),
            ConversationSummaryModel = Get(ConversationSummaryModel) is null or "none" ? null : Get(ConversationSummaryModel),
            Models = Models(Get(ModelsConfig)),
            BatchStateMachineArn = Checked(Get(BatchStateMachineArn), BatchStateMachineArn, FunctionsConfiguration.IsStateMachineArn, "arn:aws:states:REGION:ACCOUNT:stateMachine:NAME"),
            BatchInputPrefix = Checked(Get(BatchInputPrefix), BatchInputPrefix, FunctionsConfiguration.IsS3Prefix, "s3://bucket/ or s3://bucket/prefix/"),
            BatchResultsPrefix = Checked(Get(BatchResultsPrefix), BatchResultsPrefix, FunctionsConfiguration.IsS3Prefix, "s3://bucket/ or s3://bucket/prefix/"),
            BatchPendingStore = Get(BatchPendingStore) switch
            {
                null or "memory" => PendingBatchStoreKind.InMemory,
                "dynamodb" => PendingBatchStoreKind.DynamoDb,
                var other => throw Invalid(BatchPendingStore, other, "memory or dynamodb"),
            },
            BatchResultsTableName = Get(BatchResultsTable),
            StepFunctionsEndpoint = Url(Get(StepFunctionsEndpoint), StepFunctionsEndpoint),
            S3Endpoint = Url(Get(S3Endpoint), S3Endpoint),
            MetricsNamespace = Get(MetricsNamespace),
        };

        if (Int(Get(ConversationTokenBudget), ConversationTokenBudget) is { } budget)
        {
            configuration.ConversationTokenBudget = budget;
        }

        if (Int(Get(DefaultMaxTokens), DefaultMaxTokens) is { } maxTokens)
        {
            configuration.DefaultMaxTokens = maxTokens;
        }

        configuration.MaxRequestBodyBytes = Int(Get(MaxBodyBytes), MaxBodyBytes);
        if (configuration.QuotaStore == QuotaStoreKind.DynamoDb && configuration.QuotaTableName is null)
        {
            throw new FunctionsConfigurationException($"{QuotaTable} is required when {QuotaStore}=dynamodb.");
        }

        if (configuration.ConversationStore == ConversationStoreKind.DynamoDb && configuration.ConversationTableName is null)
        {
            throw new FunctionsConfigurationException($"{ConversationTable} is required when {ConversationStore}=dynamodb.");
        }

        if (configuration.BatchPendingStore == PendingBatchStoreKind.DynamoDb && configuration.BatchResultsTableName is null)
        {
            throw new FunctionsConfigurationException($"{BatchResultsTable} is required when {BatchPendingStore}=dynamodb.");
        }

        if (configuration.HasUnknownSummaryModel)
        {
            throw new FunctionsConfigurationException(
                $"{ConversationSummaryModel}: '{configuration.ConversationSummaryModel}' is not a model of the quota configuration ({QuotaConfig}); name one of its models, '{FunctionsConfiguration.SummarizeWithSameModel}' for the conversation's own model, or 'none'.");
        }

        configuration.Validate();
        return configuration;
    }

    /// <summary>The ledger's JSON (QuotaConfiguration's format); when unset, Bedrock's illustrative defaults (see BedrockQuotaDefaults).</summary>
    private static QuotaLedgerOptions Quota(string? json)
    {
        if (json is null)
        {
            return QuotaConfiguration.WithBedrockDefaults(new QuotaLedgerOptions());
        }

        try
        {
            return QuotaConfiguration.Load(json);
        }
        catch (QuotaConfigurationException exception)
        {
            throw new FunctionsConfigurationException($"{QuotaConfig}: {exception.Message}");
        }
    }

    private static Dictionary<string, ModelCapabilities> Models(string? json)
    {
        if (json is null)
        {
            return new Dictionary<string, ModelCapabilities>(StringComparer.Ordinal);
        }

        try
        {
            var models = JsonSerializer.Deserialize(json, FunctionsConfigurationJsonContext.Default.DictionaryStringModelCapabilities)
                         ?? throw new FunctionsConfigurationException($"{ModelsConfig}: is JSON null; expected an object of model ids.");
            return new Dictionary<string, ModelCapabilities>(models, StringComparer.Ordinal);
        }
        catch (JsonException exception)
        {
            throw new FunctionsConfigurationException($"{ModelsConfig}: invalid at {exception.Path ?? "$"}: {exception.Message}");
        }
    }

    private static Uri? Url(string? value, string name)
    {
        if (value is null)
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw Invalid(name, value, "an absolute http(s) URL");
    }

    private static string? Checked(string? value, string name, Func<string, bool> isValid, string expected)
        => value is null || isValid(value) ? value : throw Invalid(name, value, expected);

    private static int? Int(string? value, string name)
    {
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Invalid(name, value, "a non-negative whole number");
    }

    private static FunctionsConfigurationException Invalid(string name, string value, string expected)
        => new($"{name}={value} is invalid; expected {expected}.");
}
