using System.Net;
using Serverless.Batch.Pending;
using Serverless.Batch.Results;
using Serverless.Conversations.Storage.DynamoDb;
using Serverless.Functions.Configuration;
using Serverless.Functions.Tests.Support;
using Serverless.LocalBedrock.Configuration;
using Serverless.Quota;
using Serverless.Quota.Storage.DynamoDb;
using Serverless.TestSupport;
using static Serverless.Functions.Tests.Support.TestEnvironment;

namespace Serverless.Functions.Tests.DynamoDb;

/// <summary>The same functions with the quota ledger and conversations in DynamoDB (DynamoDB Local), as deployed.</summary>
public class DynamoDbBackedTests(DynamoDbLocalFixture dynamo) : IClassFixture<DynamoDbLocalFixture>
{
    private async Task<TestEnvironment> StartOnDynamoDbAsync(Action<FunctionsConfiguration>? configure = null)
    {
        var token = TestContext.Current.CancellationToken;
        var ledgerTable = await dynamo.CreateTableAsync("ledger", QuotaTableDefinition.CreateTableRequest, token);
        var conversationTable = await dynamo.CreateTableAsync("conversations", ConversationTableDefinition.CreateTableRequest, token);
        return await StartAsync(
            configure: c =>
            {
                c.QuotaStore = QuotaStoreKind.DynamoDb;
                c.QuotaTableName = ledgerTable;
                c.ConversationStore = ConversationStoreKind.DynamoDb;
                c.ConversationTableName = conversationTable;
                configure?.Invoke(c);
            },
            dependencies: d => d.DynamoDbClient = () => dynamo.Client);
    }

    [Fact]
    public async Task ACallIsReservedAndSettledInTheTable()
    {
        await using var env = await StartOnDynamoDbAsync(c => c.Quota.Models[Nova].ConcurrentRequests = 5);
        var reply = await env.PostJsonAsync("/v1/converse", ConverseBody(Nova, "Hello DynamoDB", 30));
        var status = await env.StatusAsync(Nova);
        Assert.Equal(1, status.Scopes.Single(s => s.Kind == QuotaLimitKind.RequestsPerMinute).Used);
        Assert.Equal((long)reply["usage"]!["inputTokens"]! + (long)reply["usage"]!["outputTokens"]!, status.Scopes.Single(s => s.Kind == QuotaLimitKind.TokensPerMinute).Used);
        Assert.Equal(0, status.Scopes.Single(s => s.Kind == QuotaLimitKind.ConcurrentRequests).Used);
        Assert.True(env.Ledger.Counters.StoreCallsPerDecision >= 1);
    }

    [Fact]
    public async Task OverQuotaIsRefusedFromTheTable()
    {
        await using var env = await StartOnDynamoDbAsync(c => c.Quota.Models[Llama].RequestsPerMinute = 1);
        Assert.NotNull(await env.PostJsonAsync("/v1/invoke/" + Llama, """{"prompt":"one","max_gen_len":10}"""));
        using var refused = await env.PostAsync("/v1/invoke/" + Llama, """{"prompt":"two","max_gen_len":10}""");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ErrorResponse.ReadAsync(refused)).Status);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Equal(1, env.BedrockResponses("InvokeModel"));
    }

    [Fact]
    public async Task AConversationContinuesFromTheTableAndAFailedTurnWritesNothing()
    {
        await using var env = await StartOnDynamoDbAsync();
        var first = await env.PostJsonAsync("/v1/converse", ConverseBody(Claude, "Remember 42.", 40, ""","newConversation":true"""));
        var id = (string)first["conversationId"]!;

        env.Bedrock.Faults.Set("Converse", new FaultSettings { ErrorRate = 1, ErrorKind = "InternalServerException" });
        using (var failed = await env.PostAsync("/v1/converse", ConverseBody(Claude, "Lost turn.", 40, $$""","conversationId":"{{id}}" """)))
        {
            Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        }

        env.Bedrock.Faults.Clear();
        var second = await env.PostJsonAsync("/v1/converse", ConverseBody(Claude, "What number?", 40, $$""","conversationId":"{{id}}" """));
        var firstTurnTokens = (int)first["usage"]!["inputTokens"]! + (int)first["usage"]!["outputTokens"]!;
        Assert.True((int)second["usage"]!["inputTokens"]! > firstTurnTokens, "the first turn was sent as history");

        using var stranger = await env.PostAsync("/v1/converse", ConverseBody(Claude, "Hi", 40, $$""","conversationId":"{{id}}" """), caller: "stranger");
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
    }

    [Fact]
    public async Task AStreamCutMidwayReleasesItsLeaseInTheTable()
    {
        await using var env = await StartOnDynamoDbAsync(c => c.Quota.Models[Nova].ConcurrentRequests = 5);
        env.Bedrock.Faults.Set("ConverseStream", new FaultSettings { StreamCutAfterEvents = 2, StreamCutKind = StreamCutKinds.Abort });
        using var response = await env.PostAsync("/v1/converse-stream", ConverseBody(Nova, "Cut me off", 50));
        // A reset connection may lose the frames before it (TCP discards unread data on RST): then nothing was
        // relayed and the error is the whole response; otherwise it is the stream's last event.
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            using var stream = await StreamedEvents.OpenAsync(response);
            var events = await stream.ReadAllAsync();
            Assert.Equal("error", events[^1].Name);
            Assert.Equal("BedrockUnreachable", (string)events[^1].Data["error"]!["code"]!);
        }
        else
        {
            var error = await ErrorResponse.ReadAsync(response);
            Assert.Equal((HttpStatusCode.BadGateway, "BedrockUnreachable"), (error.Status, error.Code));
        }

        var status = await env.StatusAsync(Nova);
        Assert.Equal(0, status.Scopes.Single(s => s.Kind == QuotaLimitKind.ConcurrentRequests).Used);
        Assert.True(status.Scopes.Single(s => s.Kind == QuotaLimitKind.TokensPerMinute).Used >= 50);
    }

    [Fact]
    public async Task ADeferredBatchWaitsInTheResultsTableForTheScheduledRun()
    {
        var token = TestContext.Current.CancellationToken;
        var results = await dynamo.CreateTableAsync("batch-results", ResultsTableDefinition.CreateTableRequest, token);
        await using var env = await StartOnDynamoDbAsync(c =>
        {
            c.BatchPendingStore = PendingBatchStoreKind.DynamoDb;
            c.BatchResultsTableName = results;
        });
        var body = $$$"""{"modelId":"{{{Claude}}}","deferred":true,"records":[{"modelInput":{"max_tokens":5,"messages":[{"role":"user","content":"Hi"}]}}]}""";
        var accepted = await env.PostJsonAsync("/v1/batch", body);

        // What the scheduled run's batch-prepare does: claim from the same table.
        var scheduled = new DynamoDbPendingBatchStore(dynamo.Client, results);
        var claimed = Assert.Single(await scheduled.ClaimAllAsync(token));
        Assert.Equal((string)accepted["batchId"]!, claimed.BatchId);
        Assert.Equal(Claude, claimed.ModelId);
        Assert.EndsWith($"/{claimed.BatchId}/records.jsonl", claimed.InputUri, StringComparison.Ordinal);
        Assert.Null(env.Local.Dependencies.PendingBatchStore);
    }
}
