using System.Text.Json.Nodes;
using Serverless.Functions.Configuration;
using Serverless.Infra.Configuration;
using Serverless.Infra.Tests.Support;
using Serverless.Quota;

namespace Serverless.Infra.Tests.Configuration;

/// <summary>The environment variables rendered for the functions, checked with the functions' own readers.</summary>
public sealed class FunctionConfigurationTests
{
    private static FunctionConfiguration Render(Action<JsonObject>? change = null) =>
        FunctionConfiguration.From(InfraSettingsReader.Read(change is null ? InfraContext.Default() : InfraContext.With(change), InfraContext.Environment));

    [Fact]
    public void The_quota_config_is_the_ledger_options_with_every_model_quota()
    {
        var configuration = Render(c => c["quota"] = JsonNode.Parse("""{"failureMode": "FailOpen", "callers": [{"callerId": "tenant-a", "tokensPerMinute": 5000}]}"""));

        var ledger = QuotaConfiguration.Load(configuration.QuotaJson);

        Assert.Equal(QuotaFailureMode.FailOpen, ledger.FailureMode);
        Assert.Equal("tenant-a", Assert.Single(ledger.Callers).CallerId);
        Assert.Equal(2_000_000, ledger.Models[InfraContext.OnDemandModel].TokensPerMinute);
        Assert.Equal(5, ledger.Models[InfraContext.ProfileModel].OutputTokenBurndown);
        Assert.Equal(200, configuration.Ledger.Models[InfraContext.ProfileModel].RequestsPerMinute);
    }

    [Fact]
    public void The_models_config_is_what_the_functions_read()
    {
        var configuration = Render();
        var variables = new Dictionary<string, string>
        {
            [FunctionsEnvironment.QuotaConfig] = configuration.QuotaJson,
            [FunctionsEnvironment.ModelsConfig] = configuration.ModelsJson,
        };

        var functions = FunctionsEnvironment.Load(name => variables.GetValueOrDefault(name));

        Assert.Equal(StructuredOutputMode.Native, functions.Models[InfraContext.ProfileModel].StructuredOutput);
        Assert.True(functions.Models[InfraContext.ProfileModel].CountTokens);
        Assert.Equal(4096, functions.Models[InfraContext.OnDemandModel].DefaultMaxTokens);
    }

    [Fact]
    public void The_batch_job_quotas_name_every_model()
    {
        var jobs = JsonNode.Parse(Render().BatchJobQuotasJson)!.AsObject();

        Assert.Equal(20, jobs[InfraContext.OnDemandModel]!.GetValue<int>());
        Assert.Equal(10, jobs[InfraContext.ProfileModel]!.GetValue<int>());
    }

    [Fact]
    public void A_quota_the_ledger_refuses_fails_the_synth_with_the_ledger_message()
    {
        var error = Assert.Throws<InfraSettingsException>(() => Render(c =>
            c["models"]![InfraContext.OnDemandModel]!["quota"] = JsonNode.Parse("""{"requestsPerMinute": 5, "shards": 6}""")));

        Assert.StartsWith("bedrock-serverless[test]: the quota ledger refuses the configuration: Quota configuration: Models[", error.Message, StringComparison.Ordinal);
        Assert.Contains("Shards", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_capability_the_functions_do_not_know_fails_the_synth()
    {
        var error = Assert.Throws<InfraSettingsException>(() => Render(c =>
            c["models"]![InfraContext.OnDemandModel]!["capabilities"] = JsonNode.Parse("""{"structuredOutput": "Sometimes"}""")));

        Assert.Contains("the functions refuse the configuration: MODELS_CONFIG", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_quotas_belong_under_each_model_not_in_the_ledger_options()
    {
        var error = Assert.Throws<InfraSettingsException>(() => Render(c => c["quota"] = JsonNode.Parse("""{"models": {}}""")));
        Assert.Equal("bedrock-serverless[test].quota.models: set each model's quota under models['<id>'].quota instead.", error.Message);
    }

    [Fact]
    public void A_lease_shorter_than_the_longest_function_timeout_is_refused()
    {
        var error = Assert.Throws<InfraSettingsException>(() => Render(c => c["quota"] = JsonNode.Parse("""{"maxLeaseDuration": "00:05:00"}""")));
        Assert.Contains("quota.maxLeaseDuration: 00:05:00 is shorter than the longest function timeout (900 s)", error.Message, StringComparison.Ordinal);
    }
}
