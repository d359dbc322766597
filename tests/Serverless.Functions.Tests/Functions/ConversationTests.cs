using System.Net;
using System.Text.Json.Nodes;
using Serverless.Conversations;
using Serverless.Conversations.Storage;
using Serverless.Functions.Configuration;
using Serverless.Functions.Tests.Support;
using Serverless.LocalBedrock.Configuration;
using static Serverless.Functions.Tests.Support.TestEnvironment;

namespace Serverless.Functions.Tests.Functions;

/// <summary>Server-side conversation memory through converse and converse-stream.</summary>
public class ConversationTests
{
    private static async Task<(TestEnvironment Env, InMemoryConversationStore Store)> StartWithStoreAsync(Action<FunctionsConfiguration>? configure = null)
    {
        var store = new InMemoryConversationStore(TimeProvider.System);
        var env = await StartAsync(configure: configure, dependencies: d => d.ConversationStore = store);
        return (env, store);
    }

    private static string Turn(string text, string conversation) => ConverseBody(Claude, text, 60, conversation);

    private static async Task<int> CountTokensAsync(TestEnvironment env, JsonArray messages)
    {
        var count = await env.PostJsonAsync("/v1/tokens", new JsonObject
        {
            ["modelId"] = Claude,
            ["input"] = new JsonObject { ["converse"] = new JsonObject { ["messages"] = messages } },
        }.ToJsonString());
        return (int)count["inputTokens"]!;
    }

    [Fact]
    public async Task EachTurnIsSentWithTheHistoryBeforeIt()
    {
        var (env, store) = await StartWithStoreAsync();
        await using var _ = env;
        var first = await env.PostJsonAsync("/v1/converse", Turn("My name is Ada.", ""","newConversation":true"""));
        var id = (string)first["conversationId"]!;
        Assert.Equal(22, id.Length);

        var second = await env.PostJsonAsync("/v1/converse", Turn("What is my name?", $$""","conversationId":"{{id}}" """));
        Assert.Equal(id, (string)second["conversationId"]!);

        // Bedrock counted exactly: turn one (question and answer) + the new question.
        var sent = new JsonArray(
            JsonNode.Parse("""{"role":"user","content":[{"text":"My name is Ada."}]}"""),
            first["output"]!["message"]!.DeepClone(),
            JsonNode.Parse("""{"role":"user","content":[{"text":"What is my name?"}]}"""));
        Assert.Equal(await CountTokensAsync(env, sent), (int)second["usage"]!["inputTokens"]!);

        var history = await store.LoadAsync(new ConversationKey("local", id), 10, TestContext.Current.CancellationToken);
        Assert.Equal(2, history.Version);
        Assert.Equal("What is my name?", history.Turns[1].Messages[0].Content[0].Text);
        Assert.Equal((string)second["output"]!["message"]!["content"]![0]!["text"]!, history.Turns[1].Messages[1].Content[0].Text);
    }

    [Fact]
    public async Task AnotherCallersConversationIsNotFoundAndStaysUntouched()
    {
        var (env, store) = await StartWithStoreAsync();
        await using var _ = env;
        var first = await env.PostJsonAsync("/v1/converse", Turn("Secret plans.", ""","newConversation":true"""), caller: "alice");
        var id = (string)first["conversationId"]!;

        using var response = await env.PostAsync("/v1/converse", Turn("Tell me the secret.", $$""","conversationId":"{{id}}" """), caller: "mallory");
        var error = await ErrorResponse.ExpectAsync(response, HttpStatusCode.NotFound, "conversationId");
        Assert.Equal("ConversationNotFound", error.Code);
        Assert.Equal(0, env.BedrockResponses("Converse") - 1);

        Assert.Equal(1, (await store.LoadAsync(new ConversationKey("alice", id), 10, TestContext.Current.CancellationToken)).Version);
        Assert.Equal(0, (await store.LoadAsync(new ConversationKey("mallory", id), 10, TestContext.Current.CancellationToken)).Version);
    }

    [Fact]
    public async Task AConversationIdNeverStartedIsNotFound()
    {
        var (env, _) = await StartWithStoreAsync();
        await using var __ = env;
        using var response = await env.PostAsync("/v1/converse", Turn("Hello?", ""","conversationId":"never-started" """));
        Assert.Equal("ConversationNotFound", (await ErrorResponse.ExpectAsync(response, HttpStatusCode.NotFound, "conversationId")).Code);
        Assert.Equal(0, env.BedrockResponses("Converse"));
    }

    [Fact]
    public async Task AFailedCallStoresNothingAndTheNextTurnDoesNotSeeIt()
    {
        var (env, store) = await StartWithStoreAsync();
        await using var _ = env;
        var first = await env.PostJsonAsync("/v1/converse", Turn("Remember: blue.", ""","newConversation":true"""));
        var id = (string)first["conversationId"]!;

        env.Bedrock.Faults.Set("Converse", new FaultSettings { ErrorRate = 1, ErrorKind = "ServiceUnavailableException" });
        using (var failed = await env.PostAsync("/v1/converse", Turn("This turn fails.", $$""","conversationId":"{{id}}" """)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await ErrorResponse.ReadAsync(failed)).Status);
        }

        Assert.Equal(1, (await store.LoadAsync(new ConversationKey("local", id), 10, TestContext.Current.CancellationToken)).Version);
        env.Bedrock.Faults.Clear();

        var third = await env.PostJsonAsync("/v1/converse", Turn("What colour?", $$""","conversationId":"{{id}}" """));
        var sent = new JsonArray(
            JsonNode.Parse("""{"role":"user","content":[{"text":"Remember: blue."}]}"""),
            first["output"]!["message"]!.DeepClone(),
            JsonNode.Parse("""{"role":"user","content":[{"text":"What colour?"}]}"""));
        Assert.Equal(await CountTokensAsync(env, sent), (int)third["usage"]!["inputTokens"]!);
        Assert.Equal(2, (await store.LoadAsync(new ConversationKey("local", id), 10, TestContext.Current.CancellationToken)).Version);
    }

    [Fact]
    public async Task HistoryIsTrimmedToTheTokenBudgetOldestTurnsFirst()
    {
        var (env, store) = await StartWithStoreAsync(c => c.ConversationTokenBudget = 150);
        await using var _ = env;
        var id = (string)(await env.PostJsonAsync("/v1/converse", Turn("Turn 1 of a long talk.", ""","newConversation":true""")))["conversationId"]!;
        var inputs = new List<int>();
        for (var turn = 2; turn <= 8; turn++)
        {
            var reply = await env.PostJsonAsync("/v1/converse", Turn($"Turn {turn} of a long talk.", $$""","conversationId":"{{id}}" """));
            inputs.Add((int)reply["usage"]!["inputTokens"]!);
        }

        // Every turn is stored, but what is sent stays bounded by the budget instead of growing with the history.
        Assert.Equal(8, (await store.LoadAsync(new ConversationKey("local", id), 100, TestContext.Current.CancellationToken)).Version);
        Assert.All(inputs, tokens => Assert.InRange(tokens, 1, 150));
        var allHistory = new JsonArray();
        foreach (var stored in (await store.LoadAsync(new ConversationKey("local", id), 100, TestContext.Current.CancellationToken)).Turns.SkipLast(1))
        {
            foreach (var message in stored.Messages)
            {
                allHistory.Add(JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(message, Serverless.Bedrock.Json.BedrockJsonContext.Default.Message)));
            }
        }

        allHistory.Add(JsonNode.Parse("""{"role":"user","content":[{"text":"Turn 8 of a long talk."}]}"""));
        Assert.True(await CountTokensAsync(env, allHistory) > inputs[^1], "the last turn was sent without its oldest history");
    }

    /// <summary>Turns until one drops history (a budget of 600 tokens keeps 512 for a summary); the last reply.</summary>
    private static async Task<List<HttpResponseMessage>> TalkUntilHistoryIsDroppedAsync(TestEnvironment env, int turns)
    {
        var replies = new List<HttpResponseMessage>();
        var first = await env.PostAsync("/v1/converse", Turn("Turn 1: my project is called Heron and ships on 3 March.", ""","newConversation":true"""));
        replies.Add(first);
        var id = (string)JsonNode.Parse(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["conversationId"]!;
        for (var turn = 2; turn <= turns; turn++)
        {
            replies.Add(await env.PostAsync("/v1/converse", Turn($"Turn {turn} of a long talk about Heron.", $$""","conversationId":"{{id}}" """)));
        }

        return replies;
    }

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();

    [Fact]
    public async Task DroppedTurnsAreSummarizedByAModelCallUnderTheCallersQuota()
    {
        var (env, _) = await StartWithStoreAsync(c =>
        {
            c.ConversationTokenBudget = 600;
            c.ConversationSummaryModel = FunctionsConfiguration.SummarizeWithSameModel;
        });
        await using var _ = env;
        var replies = await TalkUntilHistoryIsDroppedAsync(env, 14);
        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        // Early turns fit whole: nothing dropped, no summary, no extra call.
        Assert.Equal("0", Header(replies[0], "x-conversation-turns-dropped"));
        Assert.Equal("false", Header(replies[0], "x-conversation-summarized"));
        var summarized = replies.Count(r => Header(r, "x-conversation-summarized") == "true");
        Assert.True(summarized > 0, "no turn was summarized");
        Assert.True(int.Parse(Header(replies[^1], "x-conversation-turns-dropped"), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("true", Header(replies[^1], "x-conversation-summarized"));

        // Each summary was one more Converse call, reserved and settled in the ledger like the turns themselves.
        Assert.Equal(replies.Count + summarized, env.Bedrock.Stats().Responses.GetValueOrDefault("Converse:200"));
        var quota = await env.StatusAsync(Claude);
        Assert.Equal(replies.Count + summarized, quota.Scopes.Single(s => s.Kind == Serverless.Quota.QuotaLimitKind.RequestsPerMinute).Used);

        // A streamed turn says the same in its first event.
        var id = (string)JsonNode.Parse(await replies[0].Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["conversationId"]!;
        using var streamed = await env.PostAsync("/v1/converse-stream", Turn("And one streamed turn.", $$""","conversationId":"{{id}}" """));
        using var stream = await StreamedEvents.OpenAsync(streamed);
        var first = (await stream.ReadAllAsync())[0];
        Assert.Equal("conversation", first.Name);
        Assert.True((int)first.Data["turnsDropped"]! > 0);
        Assert.True((bool)first.Data["summarized"]!);
    }

    [Fact]
    public async Task WhereConfiguredASummarysInputIsCountedByCountTokensLikeATurns()
    {
        var (env, _) = await StartWithStoreAsync(c =>
        {
            c.ConversationTokenBudget = 600;
            c.ConversationSummaryModel = FunctionsConfiguration.SummarizeWithSameModel;
            c.Models[Claude].CountTokens = true;
        });
        await using var _ = env;
        var replies = await TalkUntilHistoryIsDroppedAsync(env, 14);

        var summarized = replies.Count(r => Header(r, "x-conversation-summarized") == "true");
        Assert.True(summarized > 0, "no turn was summarized");
        Assert.Equal(replies.Count + summarized, env.Bedrock.Stats().Responses.GetValueOrDefault("CountTokens:200"));
    }

    [Fact]
    public async Task WithoutRoomInTheQuotaForASummaryTheTurnGoesOnWithoutIt()
    {
        var (env, _) = await StartWithStoreAsync(c =>
        {
            c.ConversationTokenBudget = 600;
            c.ConversationSummaryModel = Nova;
            c.Quota.Models[Nova].RequestsPerMinute = 1;
        });
        await using var _ = env;
        // The summary model's only request this minute goes elsewhere.
        Assert.Equal(HttpStatusCode.OK, (await env.PostAsync("/v1/converse", ConverseBody(Nova, "Hello", 20))).StatusCode);

        var replies = await TalkUntilHistoryIsDroppedAsync(env, 14);
        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.True(int.Parse(Header(replies[^1], "x-conversation-turns-dropped"), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.All(replies, r => Assert.Equal("false", Header(r, "x-conversation-summarized")));
        Assert.Equal(replies.Count + 1, env.Bedrock.Stats().Responses.GetValueOrDefault("Converse:200"));
    }

    [Fact]
    public async Task AStreamedTurnIsStoredFromItsDeltasAndNamedInTheFirstEvent()
    {
        var (env, store) = await StartWithStoreAsync();
        await using var _ = env;
        using var response = await env.PostAsync("/v1/converse-stream", Turn("Stream and remember.", ""","newConversation":true"""));
        using var stream = await StreamedEvents.OpenAsync(response);
        var events = await stream.ReadAllAsync();

        Assert.Equal("conversation", events[0].Name);
        var id = (string)events[0].Data["conversationId"]!;
        Assert.Equal(0, (int)events[0].Data["turnsDropped"]!);
        Assert.False((bool)events[0].Data["summarized"]!);
        var text = string.Concat(events.Where(e => e.Name == "contentBlockDelta").Select(e => (string)e.Data["delta"]!["text"]!));
        var history = await store.LoadAsync(new ConversationKey("local", id), 10, TestContext.Current.CancellationToken);
        Assert.Equal(text, Assert.Single(history.Turns).Messages[1].Content[0].Text);

        var next = await env.PostJsonAsync("/v1/converse", Turn("And now?", $$""","conversationId":"{{id}}" """));
        Assert.Equal(id, (string)next["conversationId"]!);
    }

    [Fact]
    public async Task AStreamCutShortStoresNoTurn()
    {
        var (env, store) = await StartWithStoreAsync();
        await using var _ = env;
        env.Bedrock.Faults.Set("ConverseStream", new FaultSettings { StreamCutAfterEvents = 3 });
        using var response = await env.PostAsync("/v1/converse-stream", Turn("This will break.", ""","newConversation":true"""));
        using var stream = await StreamedEvents.OpenAsync(response);
        var events = await stream.ReadAllAsync();
        var id = (string)events[0].Data["conversationId"]!;
        Assert.Equal("error", events[^1].Name);
        Assert.Equal(0, (await store.LoadAsync(new ConversationKey("local", id), 10, TestContext.Current.CancellationToken)).Version);
    }

    [Fact]
    public async Task WithoutAConversationStoreMemoryIsABadRequest()
    {
        await using var env = await StartAsync(configure: c => c.ConversationStore = ConversationStoreKind.None);
        using var response = await env.PostAsync("/v1/converse", Turn("Hi", ""","newConversation":true"""));
        await ErrorResponse.ExpectAsync(response, HttpStatusCode.BadRequest, "newConversation");
        using var both = await env.PostAsync("/v1/converse", Turn("Hi", ""","newConversation":true,"conversationId":"abc" """));
        await ErrorResponse.ExpectAsync(both, HttpStatusCode.BadRequest, "conversationId");
    }

    [Fact]
    public async Task MemoryNeedsTheTurnToEndWithTheCallersMessage()
    {
        var (env, _) = await StartWithStoreAsync();
        await using var __ = env;
        using var response = await env.PostAsync("/v1/converse", """
            {"modelId":"anthropic.claude-3-haiku-20240307-v1:0","newConversation":true,
             "messages":[{"role":"user","content":[{"text":"Hi"}]},{"role":"assistant","content":[{"text":"Prefill"}]}]}
            """);
        await ErrorResponse.ExpectAsync(response, HttpStatusCode.BadRequest, "messages[1].role");
    }
}
