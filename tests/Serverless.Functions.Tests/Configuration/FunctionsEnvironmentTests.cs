using Serverless.Functions.Configuration;
using Serverless.Quota;

namespace Serverless.Functions.Tests.Configuration;

public class FunctionsEnvironmentTests
{
    private static FunctionsConfiguration Load(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return FunctionsEnvironment.Load(name => map.GetValueOrDefault(name));
    }

    [Fact]
    public void NothingSetGivesTheDefaults()
    {
        var configuration = Load();
        Assert.Null(configuration.BedrockEndpoint);
        Assert.Equal(QuotaStoreKind.InMemory, configuration.QuotaStore);
        Assert.Equal(ConversationStoreKind.None, configuration.ConversationStore);
        Assert.Null(configuration.ConversationSummaryModel);
        // Without QUOTA_CONFIG the ledger knows Bedrock's illustrative default models.
        Assert.Equal(BedrockQuotaDefaults.Models.Count, configuration.Quota.Models.Count);
        Assert.Equal(4_096, configuration.DefaultMaxTokensOf("anything"));
    }

    [Fact]
    public void EveryVariableIsRead()
    {
        var configuration = Load(
            (FunctionsEnvironment.BedrockEndpoint, "http://127.0.0.1:4010"),
            (FunctionsEnvironment.BedrockRegion, "eu-west-1"),
            (FunctionsEnvironment.QuotaConfig, """{"models":{"m.one-v1:0":{"requestsPerMinute":5}}}"""),
            (FunctionsEnvironment.QuotaStore, "dynamodb"),
            (FunctionsEnvironment.QuotaTable, "ledger"),
            (FunctionsEnvironment.DynamoDbEndpoint, "http://127.0.0.1:8000"),
            (FunctionsEnvironment.ConversationStore, "dynamodb"),
            (FunctionsEnvironment.ConversationTable, "conversations"),
            (FunctionsEnvironment.ConversationTokenBudget, "2000"),
            (FunctionsEnvironment.ConversationSummaryModel, "m.one-v1:0"),
            (FunctionsEnvironment.ModelsConfig, """{"m.one-v1:0":{"defaultMaxTokens":256,"structuredOutput":"Native","countTokens":true}}"""),
            (FunctionsEnvironment.DefaultMaxTokens, "1000"),
            (FunctionsEnvironment.MaxBodyBytes, "4096"));

        Assert.Equal(new Uri("http://127.0.0.1:4010"), configuration.BedrockEndpoint);
        Assert.Equal("eu-west-1", configuration.BedrockRegion);
        Assert.True(configuration.IsKnownModel("m.one-v1:0"));
        Assert.False(configuration.IsKnownModel("anthropic.claude-3-haiku-20240307-v1:0"));
        Assert.Equal(QuotaStoreKind.DynamoDb, configuration.QuotaStore);
        Assert.Equal("ledger", configuration.QuotaTableName);
        Assert.Equal(ConversationStoreKind.DynamoDb, configuration.ConversationStore);
        Assert.Equal("conversations", configuration.ConversationTableName);
        Assert.Equal(2000, configuration.ConversationTokenBudget);
        Assert.Equal("m.one-v1:0", configuration.ConversationSummaryModel);
        Assert.Equal(256, configuration.DefaultMaxTokensOf("m.one-v1:0"));
        Assert.Equal(1000, configuration.DefaultMaxTokensOf("other"));
        Assert.Equal(StructuredOutputMode.Native, configuration.CapabilitiesOf("m.one-v1:0").StructuredOutput);
        Assert.True(configuration.CapabilitiesOf("m.one-v1:0").CountTokens);
        Assert.Equal(4096, configuration.BodyLimit(1_000_000));
        Assert.Equal(100, configuration.BodyLimit(100));
    }

    [Theory]
    [InlineData("QUOTA_STORE", "redis", "QUOTA_STORE")]
    [InlineData("CONVERSATION_STORE", "files", "CONVERSATION_STORE")]
    [InlineData("BEDROCK_ENDPOINT_URL", "not a url", "BEDROCK_ENDPOINT_URL")]
    [InlineData("DEFAULT_MAX_TOKENS", "-3", "DEFAULT_MAX_TOKENS")]
    [InlineData("DEFAULT_MAX_TOKENS", "0", "DefaultMaxTokens")]
    [InlineData("CONVERSATION_TOKEN_BUDGET", "lots", "CONVERSATION_TOKEN_BUDGET")]
    [InlineData("CONVERSATION_SUMMARY_MODEL", "acme.unknown-v1:0", "CONVERSATION_SUMMARY_MODEL")]
    [InlineData("QUOTA_CONFIG", """{"models":{"m":{"requestsPerMinute":-1}}}""", "QUOTA_CONFIG")]
    [InlineData("QUOTA_CONFIG", "{", "QUOTA_CONFIG")]
    [InlineData("MODELS_CONFIG", """{"m":{"structuredOutput":"Telepathy"}}""", "MODELS_CONFIG")]
    [InlineData("MODELS_CONFIG", """{"m":{"maxTokenz":3}}""", "MODELS_CONFIG")]
    [InlineData("BATCH_STATE_MACHINE_ARN", "arn:aws:lambda:us-east-1:123456789012:function:batch", "BATCH_STATE_MACHINE_ARN")]
    [InlineData("BATCH_INPUT_PREFIX", "s3://bucket/no-trailing-slash", "BATCH_INPUT_PREFIX")]
    [InlineData("BATCH_INPUT_PREFIX", "bucket", "BATCH_INPUT_PREFIX")]
    [InlineData("BATCH_RESULTS_PREFIX", "s3://bucket/runs", "BATCH_RESULTS_PREFIX")]
    [InlineData("BATCH_RESULTS_PREFIX", "https://bucket.s3.amazonaws.com/runs/", "BATCH_RESULTS_PREFIX")]
    [InlineData("BATCH_PENDING_STORE", "sqs", "BATCH_PENDING_STORE")]
    [InlineData("STEPFUNCTIONS_ENDPOINT_URL", "states.local", "STEPFUNCTIONS_ENDPOINT_URL")]
    [InlineData("S3_ENDPOINT_URL", "ftp://s3", "S3_ENDPOINT_URL")]
    public void ABadValueNamesTheVariable(string name, string value, string named)
    {
        var exception = Assert.Throws<FunctionsConfigurationException>(() => Load((name, value)));
        Assert.Contains(named, exception.Message);
    }

    [Theory]
    [InlineData("none", null)]
    [InlineData("same", "same")]
    [InlineData("anthropic.claude-3-haiku-20240307-v1:0", "anthropic.claude-3-haiku-20240307-v1:0")]
    public void TheSummaryModelIsNoneTheSameModelOrAConfiguredOne(string value, string? expected)
        => Assert.Equal(expected, Load((FunctionsEnvironment.ConversationSummaryModel, value)).ConversationSummaryModel);

    [Fact]
    public void ADynamoDbStoreNeedsItsTable()
    {
        Assert.Contains(FunctionsEnvironment.QuotaTable, Assert.Throws<FunctionsConfigurationException>(() => Load((FunctionsEnvironment.QuotaStore, "dynamodb"))).Message);
        Assert.Contains(FunctionsEnvironment.ConversationTable, Assert.Throws<FunctionsConfigurationException>(() => Load((FunctionsEnvironment.ConversationStore, "dynamodb"))).Message);
        Assert.Contains(FunctionsEnvironment.BatchResultsTable, Assert.Throws<FunctionsConfigurationException>(() => Load((FunctionsEnvironment.BatchPendingStore, "dynamodb"))).Message);
    }

    [Fact]
    public void TheBatchVariablesAreRead()
    {
        var configuration = Load(
            (FunctionsEnvironment.BatchStateMachineArn, "arn:aws:states:eu-west-1:123456789012:stateMachine:bedrock-batch"),
            (FunctionsEnvironment.BatchInputPrefix, "s3://batch-work/api/"),
            (FunctionsEnvironment.BatchResultsPrefix, "s3://batch-work/runs/"),
            (FunctionsEnvironment.BatchPendingStore, "dynamodb"),
            (FunctionsEnvironment.BatchResultsTable, "batch-results"),
            (FunctionsEnvironment.StepFunctionsEndpoint, "http://127.0.0.1:8083"),
            (FunctionsEnvironment.S3Endpoint, "http://127.0.0.1:4569"));

        Assert.Equal("arn:aws:states:eu-west-1:123456789012:stateMachine:bedrock-batch", configuration.BatchStateMachineArn);
        Assert.Equal("s3://batch-work/api/", configuration.BatchInputPrefix);
        Assert.Equal("s3://batch-work/runs/", configuration.BatchResultsPrefix);
        Assert.Equal(PendingBatchStoreKind.DynamoDb, configuration.BatchPendingStore);
        Assert.Equal("batch-results", configuration.BatchResultsTableName);
        Assert.Equal(new Uri("http://127.0.0.1:8083"), configuration.StepFunctionsEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:4569"), configuration.S3Endpoint);
    }

    [Fact]
    public void TheBatchFunctionNeedsItsInputPrefixAndStateMachine()
    {
        using var catalog = new FunctionCatalog(Load());
        Assert.Contains(FunctionsEnvironment.BatchInputPrefix, Assert.Throws<FunctionsConfigurationException>(() => catalog.Buffered(Serverless.Functions.Routing.FunctionNames.Batch)).Message);

        using var withPrefix = new FunctionCatalog(Load((FunctionsEnvironment.BatchInputPrefix, "s3://batch-work/")));
        Assert.Contains(FunctionsEnvironment.BatchStateMachineArn, Assert.Throws<FunctionsConfigurationException>(() => withPrefix.Buffered(Serverless.Functions.Routing.FunctionNames.Batch)).Message);
    }
}
