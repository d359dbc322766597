namespace Serverless.Quota.Tests;

public class ConfigurationTests
{
    [Fact]
    public void LoadsModelsCallersAndRingSettingsFromJson()
    {
        var options = QuotaConfiguration.Load("""
            {
              // comments are allowed
              "models": {
                "anthropic.claude-sonnet-4-5-20250929-v1:0": { "requestsPerMinute": 200, "tokensPerMinute": 200000, "outputTokenBurndown": 5, "shards": 2 },
                "amazon.nova-lite-v1:0": { "concurrentRequests": 8 },
              },
              "callers": [ { "callerId": "tenant-a", "tokensPerMinute": 50000 }, { "modelId": "amazon.nova-lite-v1:0", "requestsPerMinute": 20 } ],
              "bucketWidth": "00:00:02",
              "leaseBucketWidth": "00:00:05",
              "maxLeaseDuration": "00:05:00",
              "failureMode": "FailOpen",
              "keyPrefix": "prod/"
            }
            """);

        var sonnet = options.Models["anthropic.claude-sonnet-4-5-20250929-v1:0"];
        Assert.Equal(new ModelQuota { RequestsPerMinute = 200, TokensPerMinute = 200_000, OutputTokenBurndown = 5, Shards = 2 }, sonnet);
        Assert.Equal(new ModelQuota { ConcurrentRequests = 8 }, options.Models["amazon.nova-lite-v1:0"]);
        Assert.Equal(2, options.Callers.Count);
        Assert.Equal("tenant-a", options.Callers[0].CallerId);
        Assert.Null(options.Callers[1].CallerId);
        Assert.Equal(TimeSpan.FromSeconds(2), options.BucketWidth);
        Assert.Equal(TimeSpan.FromMinutes(5), options.MaxLeaseDuration);
        Assert.Equal(QuotaFailureMode.FailOpen, options.FailureMode);
        Assert.Equal("prod/", options.KeyPrefix);
        Assert.Equal(TimeSpan.Zero, options.WindowPadding);
    }

    [Fact]
    public void DefaultsAreTheDocumentedOnes()
    {
        var options = QuotaConfiguration.Load("""{ "models": { "m": { "requestsPerMinute": 1 } } }""");

        Assert.Equal(TimeSpan.FromMilliseconds(250), options.BucketWidth);
        Assert.Equal(TimeSpan.Zero, options.WindowPadding);
        Assert.Equal(TimeSpan.FromSeconds(10), options.LeaseBucketWidth);
        Assert.Equal(TimeSpan.FromMinutes(15), options.MaxLeaseDuration);
        Assert.Equal(QuotaFailureMode.FailClosed, options.FailureMode);
        Assert.Equal(TimeSpan.FromSeconds(2), options.StoreDeadline);
        Assert.Equal(1, options.Models["m"].OutputTokenBurndown);
        Assert.Equal(1, options.Models["m"].Shards);
        Assert.Empty(options.Callers);
        Assert.False(options.RejectUnknownCallers);
    }

    [Fact]
    public void RoundTripsThroughJson()
    {
        var options = QuotaConfiguration.WithBedrockDefaults(new QuotaLedgerOptions { Callers = [new CallerQuota { RequestsPerMinute = 3 }] });

        var again = QuotaConfiguration.Load(QuotaConfiguration.ToJson(options));

        Assert.Equal(options.Models.OrderBy(m => m.Key, StringComparer.Ordinal), again.Models.OrderBy(m => m.Key, StringComparer.Ordinal));
        Assert.Equal(options.Callers, again.Callers);
    }

    [Fact]
    public void AnInfiniteStoreDeadlineIsWrittenAsMinusOneMillisecond()
    {
        var options = QuotaConfiguration.Load("""{ "models": { "m": { "requestsPerMinute": 1 } }, "storeDeadline": "-00:00:00.001" }""");

        Assert.Equal(Timeout.InfiniteTimeSpan, options.StoreDeadline);
    }

    [Theory]
    [InlineData("""{ "models": { "m": { "tokensPerMinute": 0 } } }""", "Models[\"m\"].TokensPerMinute")]
    [InlineData("""{ "models": { "m": { "requestsPerMinute": 5, "shards": 0 } } }""", "Models[\"m\"].Shards")]
    [InlineData("""{ "models": { "m": { "requestsPerMinute": 5, "shards": 6 } } }""", "Models[\"m\"].Shards")]
    [InlineData("""{ "models": { "m": { "requestsPerMinute": 5, "outputTokenBurndown": 0 } } }""", "Models[\"m\"].OutputTokenBurndown")]
    [InlineData("""{ "models": { "m": { "requestsPerMinute": 5 } }, "bucketWidth": "00:00:00" }""", "BucketWidth")]
    [InlineData("""{ "models": { "m": { "requestsPerMinute": 5 } }, "windowPadding": "-00:00:01" }""", "WindowPadding")]
    [InlineData("""{ "models": { "m": { "requestsPerMinute": 5 } }, "callers": [ { "modelId": "other", "requestsPerMinute": 1 } ] }""", "Callers[0].ModelId")]
    [InlineData("""{ "models": { "m": { "requestsPerMinute": 5 } }, "callers": [ { "callerId": "a" } ] }""", "Callers[0]")]
    [InlineData("""{ "models": { "m": { "requestsPerMinute": 5 } }, "callers": [ { "callerId": "a", "requestsPerMinute": 1 }, { "callerId": "a", "requestsPerMinute": 2 } ] }""", "Callers[1]")]
    [InlineData("""{ "models": { "m": { "requestsPerMinut": 5 } } }""", "requestsPerMinut")]
    [InlineData("""{ "models": { "m": { "requestsPerMinute": "many" } } }""", "$.models.m.requestsPerMinute")]
    [InlineData("""{ "models": { "m": { "requestsPerMinute": 5 } }, "failureMode": "Sometimes" }""", "$.failureMode")]
    public void InvalidConfigurationNamesTheField(string json, string field)
    {
        var error = Assert.Throws<QuotaConfigurationException>(() => QuotaConfiguration.Load(json));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLedgerValidatesOptionsItIsGiven()
    {
        var options = new QuotaLedgerOptions { Models = new Dictionary<string, ModelQuota> { ["m"] = new() { RequestsPerMinute = -1 } } };

        var error = Assert.Throws<QuotaConfigurationException>(() => new QuotaLedger(new Storage.InMemoryQuotaStore(), options, TimeProvider.System, new Random(1)));

        Assert.Contains("Models[\"m\"].RequestsPerMinute", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BedrockDefaultsAreValidAndUseTheClaude4Burndown()
    {
        var options = QuotaConfiguration.WithBedrockDefaults(new QuotaLedgerOptions());

        options.Validate();
        Assert.Equal(5, options.Models["anthropic.claude-sonnet-4-5-20250929-v1:0"].OutputTokenBurndown);
        Assert.Equal(1, options.Models["amazon.nova-pro-v1:0"].OutputTokenBurndown);
    }
}
