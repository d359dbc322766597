using Serverless.Functions.Configuration;
using Serverless.LocalBedrock.Configuration;
using Serverless.Quota;

namespace Serverless.LocalHost;

/// <summary>
/// The functions' configuration for a local Bedrock: every model and inference profile it knows gets the same quota
/// in the ledger as the local Bedrock enforces (so the ledger refuses before Bedrock would throttle), its output burndown
/// and default maxTokens, and the structured-output mode its settings say it supports.
/// </summary>
public static class LocalFunctionsConfiguration
{
    public static FunctionsConfiguration From(LocalBedrockSettings settings, Uri bedrockEndpoint)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(bedrockEndpoint);
        var quotas = new Dictionary<string, ModelQuota>(StringComparer.Ordinal);
        var capabilities = new Dictionary<string, ModelCapabilities>(StringComparer.Ordinal);
        foreach (var (modelId, model) in settings.Models)
        {
            var quota = new ModelQuota
            {
                RequestsPerMinute = model.Quota.RequestsPerMinute,
                TokensPerMinute = model.Quota.TokensPerMinute,
                ConcurrentRequests = model.Quota.ConcurrentRequests,
                OutputTokenBurndown = Math.Max(1, model.OutputTokenBurndown),
            };
            var capability = new ModelCapabilities
            {
                DefaultMaxTokens = model.DefaultMaxTokens,
                StructuredOutput = model.SupportsStructuredOutput ? StructuredOutputMode.Native
                    : model.SupportsToolUse ? StructuredOutputMode.ToolUse
                    : StructuredOutputMode.Unsupported,
            };

            // A profile has its own quota in Bedrock (and in the local Bedrock), so it gets its own ledger scope.
            foreach (var id in model.InferenceProfiles.Prepend(modelId))
            {
                quotas[id] = quota with { };
                capabilities[id] = capability;
            }
        }

        return new FunctionsConfiguration
        {
            BedrockEndpoint = bedrockEndpoint,
            BedrockRegion = "us-east-1",
            Quota = new QuotaLedgerOptions { Models = quotas },
            Models = capabilities,
            ConversationStore = ConversationStoreKind.InMemory,
        };
    }
}
