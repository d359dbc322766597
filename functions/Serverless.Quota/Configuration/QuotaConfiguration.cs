using System.Text.Json;

namespace Serverless.Quota;

/// <summary>
/// Reads <see cref="QuotaLedgerOptions"/> from JSON (later fed from cdk.json). Durations are "hh:mm:ss" strings,
/// the failure mode is "FailClosed" or "FailOpen". Example:
/// <code>
/// {
///   "models": { "anthropic.claude-sonnet-4-5-20250929-v1:0": { "requestsPerMinute": 200, "tokensPerMinute": 200000, "outputTokenBurndown": 5 } },
///   "callers": [ { "callerId": "tenant-a", "tokensPerMinute": 50000 }, { "requestsPerMinute": 20 } ],
///   "bucketWidth": "00:00:01",
///   "failureMode": "FailClosed"
/// }
/// </code>
/// </summary>
public static class QuotaConfiguration
{
    /// <exception cref="QuotaConfigurationException">The JSON is malformed, has an unknown field, or a value is invalid; the message names where.</exception>
    public static QuotaLedgerOptions Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        QuotaLedgerOptions? options;
        try
        {
            options = JsonSerializer.Deserialize(json, QuotaConfigurationJsonContext.Default.QuotaLedgerOptions);
        }
        catch (JsonException exception)
        {
            throw new QuotaConfigurationException($"Quota configuration: invalid JSON at {exception.Path ?? "$"} (line {exception.LineNumber + 1}): {exception.Message}");
        }

        if (options is null)
        {
            throw new QuotaConfigurationException("Quota configuration: the JSON is null; expected an object.");
        }

        // Model ids are compared ordinally, as Bedrock compares them.
        options = options with { Models = new Dictionary<string, ModelQuota>(options.Models, StringComparer.Ordinal) };
        options.Validate();
        return options;
    }

    public static string ToJson(QuotaLedgerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return JsonSerializer.Serialize(options, QuotaConfigurationJsonContext.Default.QuotaLedgerOptions);
    }

    /// <summary>The options with <see cref="BedrockQuotaDefaults.Models"/> added for every model they do not configure themselves.</summary>
    public static QuotaLedgerOptions WithBedrockDefaults(QuotaLedgerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var models = new Dictionary<string, ModelQuota>(BedrockQuotaDefaults.Models, StringComparer.Ordinal);
        foreach (var (modelId, quota) in options.Models)
        {
            models[modelId] = quota;
        }

        return options with { Models = models };
    }
}
