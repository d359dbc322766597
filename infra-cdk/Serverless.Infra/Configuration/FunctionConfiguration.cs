using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Functions.Configuration;
using Serverless.Quota;

namespace Serverless.Infra.Configuration;

/// <summary>
/// The configuration the functions receive in environment variables, rendered from the settings and checked with
/// the functions' own readers (QuotaConfiguration.Load, FunctionsEnvironment.Load) at synth time, so a bad quota or
/// capability fails <c>cdk synth</c> with the reader's message instead of the first cold start.
/// </summary>
public sealed class FunctionConfiguration
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    private FunctionConfiguration(string quotaJson, string modelsJson, string batchJobsJson, QuotaLedgerOptions ledger)
    {
        QuotaJson = quotaJson;
        ModelsJson = modelsJson;
        BatchJobQuotasJson = batchJobsJson;
        Ledger = ledger;
    }

    /// <summary>QUOTA_CONFIG: the ledger's options with every configured model's quota.</summary>
    public string QuotaJson { get; }

    /// <summary>MODELS_CONFIG: model id → capabilities.</summary>
    public string ModelsJson { get; }

    /// <summary>BATCH_JOB_QUOTAS: model id → batch jobs (submitted + in progress).</summary>
    public string BatchJobQuotasJson { get; }

    /// <summary>The validated ledger options (the limits the quota alarms compare against).</summary>
    public QuotaLedgerOptions Ledger { get; }

    /// <exception cref="InfraSettingsException">The ledger or the functions would refuse the configuration.</exception>
    public static FunctionConfiguration From(InfraSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var path = $"{InfraSettingsReader.ContextKey}[{settings.EnvironmentName}]";
        var ledger = (JsonObject)settings.Ledger.DeepClone();
        if (ledger.ContainsKey("models"))
        {
            throw new InfraSettingsException($"{path}.quota.models: set each model's quota under models['<id>'].quota instead.");
        }

        var models = new JsonObject();
        var capabilities = new JsonObject();
        var jobs = new JsonObject();
        foreach (var model in settings.Models)
        {
            models[model.Id] = model.Quota.DeepClone();
            capabilities[model.Id] = model.Capabilities.DeepClone();
            jobs[model.Id] = model.BatchJobs;
        }

        ledger["models"] = models;
        var quotaJson = ledger.ToJsonString(Compact);
        var modelsJson = capabilities.ToJsonString(Compact);

        QuotaLedgerOptions options;
        try
        {
            options = QuotaConfiguration.Load(quotaJson);
        }
        catch (QuotaConfigurationException exception)
        {
            throw new InfraSettingsException($"{path}: the quota ledger refuses the configuration: {exception.Message}");
        }

        var longest = Contracts.HandlerCatalog.For(settings).Max(h => settings.SizeOf(h.Name).TimeoutSeconds);
        if (options.MaxLeaseDuration < TimeSpan.FromSeconds(longest))
        {
            throw new InfraSettingsException(
                $"{path}.quota.maxLeaseDuration: {options.MaxLeaseDuration} is shorter than the longest function timeout ({longest} s); a lease must outlive the call it guards.");
        }

        try
        {
            var variables = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [FunctionsEnvironment.QuotaConfig] = quotaJson,
                [FunctionsEnvironment.ModelsConfig] = modelsJson,
            };
            FunctionsEnvironment.Load(name => variables.GetValueOrDefault(name));
        }
        catch (FunctionsConfigurationException exception)
        {
            throw new InfraSettingsException($"{path}.models[...].capabilities: the functions refuse the configuration: {exception.Message}");
        }

        return new FunctionConfiguration(quotaJson, modelsJson, jobs.ToJsonString(Compact), options);
    }
}
