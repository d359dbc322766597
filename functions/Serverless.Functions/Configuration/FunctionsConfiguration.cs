using Serverless.Quota;

namespace Serverless.Functions.Configuration;

/// <summary>
/// Everything the functions are configured with. In Lambda it comes from environment variables
/// (<see cref="FunctionsEnvironment.Load"/>); locally and in tests it is built in code. Nothing here is resolved or
/// connected until a function needs it (<see cref="FunctionCatalog"/>).
/// </summary>
public sealed class FunctionsConfiguration
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

    /// <summary>Per-model capabilities (default maxTokens, structured output mode, CountTokens); models absent here use the defaults.</summary>
    public Dictionary<string, ModelCapabilities> Models { get; set; } = new(StringComparer.Ordinal);

    /// <summary>maxTokens reserved when neither the request nor the model's capabilities give one.</summary>
    public int DefaultMaxTokens { get; set; } = 4_096;

    /// <summary>A lower body limit than the routes' own (null keeps theirs).</summary>
    public int? MaxRequestBodyBytes { get; set; }

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

        if (DefaultMaxTokens < 1)
        {
            throw new FunctionsConfigurationException($"DefaultMaxTokens must be at least 1 (was {DefaultMaxTokens}).");
        }

        if (MaxRequestBodyBytes is < 0)
        {
            throw new FunctionsConfigurationException($"MaxRequestBodyBytes must not be negative (was {MaxRequestBodyBytes}).");
        }

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
}
