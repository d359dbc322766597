using System.Net;
using System.Text.Json.Nodes;
using Serverless.Functions.Tests.Support;
using Serverless.LocalBedrock.Configuration;
using Serverless.Quota;
using Serverless.Quota.Storage;
using static Serverless.Functions.Tests.Support.TestEnvironment;

namespace Serverless.Functions.Tests.Quota;

/// <summary>Every model call goes through the ledger: refused → 429 + Retry-After with nothing sent; store down → 503; always settled.</summary>
public class QuotaGatingTests
{
    public static TheoryData<string, string> ModelCalls => new()
    {
        { "/v1/converse", ConverseBody(Llama, "Hi", 20) },
        { "/v1/converse-stream", ConverseBody(Llama, "Hi", 20) },
        { "/v1/invoke/" + Llama, """{"prompt":"Hi","max_gen_len":20}""" },
        { "/v1/invoke-stream/" + Llama, """{"prompt":"Hi","max_gen_len":20}""" },
        { "/v1/structured", """{"modelId":"meta.llama3-1-8b-instruct-v1:0","messages":[{"role":"user","content":[{"text":"x"}]}],"schema":{"type":"object"},"inferenceConfig":{"maxTokens":50}}""" },
    };

    [Theory]
    [MemberData(nameof(ModelCalls))]
    public async Task OverQuotaIs429WithRetryAfterAndNothingReachesBedrock(string path, string body)
    {
        await using var env = await StartAsync(configure: c =>
        {
            c.Quota.Models[Llama].RequestsPerMinute = 1;
            c.Quota.Models["meta.llama3-1-8b-instruct-v1:0"].RequestsPerMinute = 1;
        });
        using (var first = await env.PostAsync(path, body))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }

        var answered = env.Bedrock.Stats().Responses.Values.Sum();
        using var second = await env.PostAsync(path, body);
        var error = await ErrorResponse.ReadAsync(second);
        Assert.Equal(HttpStatusCode.TooManyRequests, error.Status);
        Assert.Equal("QuotaExceeded", error.Code);
        Assert.True(error.Retryable);
        Assert.Contains("requests-per-minute", error.Message);
        var retryAfter = int.Parse(second.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 61);
        Assert.Equal(answered, env.Bedrock.Stats().Responses.Values.Sum());
    }

    [Fact]
    public async Task ACallersSubLimitRefusesThatCallerOnly()
    {
        await using var env = await StartAsync(configure: c => c.Quota = c.Quota with { Callers = [new CallerQuota { CallerId = "alice", RequestsPerMinute = 1 }] });
        Assert.NotNull(await env.PostJsonAsync("/v1/converse", ConverseBody(Nova, "one", 10), caller: "alice"));
        using var refused = await env.PostAsync("/v1/converse", ConverseBody(Nova, "two", 10), caller: "alice");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ErrorResponse.ReadAsync(refused)).Status);
        Assert.NotNull(await env.PostJsonAsync("/v1/converse", ConverseBody(Nova, "three", 10), caller: "bob"));

        using var get = await env.GetAsync("/v1/quota/" + Nova, caller: "alice");
        var scopes = JsonNode.Parse(await get.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["scopes"]!.AsArray();
        var callerScope = scopes.Single(s => (string)s!["scope"]! == Nova + "#alice" && (string)s!["kind"]! == "RequestsPerMinute")!;
        Assert.Equal(1, (long)callerScope["used"]!);
        Assert.Equal(1, (long)callerScope["limit"]!);
    }

    [Fact]
    public async Task AnUnknownCallerIsForbiddenWhenTheLedgerRejectsThem()
    {
        await using var env = await StartAsync(configure: c => c.Quota = c.Quota with
        {
            RejectUnknownCallers = true,
            Callers = [new CallerQuota { CallerId = "alice", RequestsPerMinute = 10 }],
        });
        using var response = await env.PostAsync("/v1/converse", ConverseBody(Nova, "Hi", 10), caller: "eve");
        var error = await ErrorResponse.ReadAsync(response);
        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Equal("CallerNotAllowed", error.Code);
        Assert.Equal(0, env.BedrockResponses("Converse"));
    }

    [Fact]
    public async Task AnUnreachableLedgerStoreFailsClosedWith503()
    {
        await using var env = await StartAsync(dependencies: d => d.QuotaStore = new UnreachableQuotaStore());
        using var response = await env.PostAsync("/v1/converse", ConverseBody(Nova, "Hi", 10));
        var error = await ErrorResponse.ReadAsync(response);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Status);
        Assert.Equal("QuotaUnavailable", error.Code);
        Assert.True(error.Retryable);
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.Empty(env.Bedrock.Stats().Responses);
    }

    [Fact]
    public async Task AFailedCallIsSettledForItsInputOnlyAndItsLeaseReleased()
    {
        await using var env = await StartAsync(configure: c => c.Quota.Models[Nova].ConcurrentRequests = 3);
        env.Bedrock.Faults.Set("Converse", new FaultSettings { ErrorRate = 1, ErrorKind = "ModelErrorException" });
        using var response = await env.PostAsync("/v1/converse", ConverseBody(Nova, "Hi", 2_000));
        Assert.Equal(HttpStatusCode.BadGateway, (await ErrorResponse.ReadAsync(response)).Status);

        var status = await env.StatusAsync(Nova);
        Assert.Equal(0, status.Scopes.Single(s => s.Kind == QuotaLimitKind.ConcurrentRequests).Used);
        var tokens = status.Scopes.Single(s => s.Kind == QuotaLimitKind.TokensPerMinute).Used;
        Assert.InRange(tokens, 1, 1_999);
        Assert.Equal(1, env.Ledger.Counters.Settlements);
    }

    [Fact]
    public async Task ARequestNoQuotaCouldAdmitIsABadRequestNamingMaxTokens()
    {
        await using var env = await StartAsync(configure: c => c.Quota.Models[Nova].TokensPerMinute = 500);
        using var response = await env.PostAsync("/v1/converse", ConverseBody(Nova, "Hi", 1_000));
        await ErrorResponse.ExpectAsync(response, HttpStatusCode.BadRequest, "maxTokens");
        Assert.Empty(env.Bedrock.Stats().Responses);
    }

    [Fact]
    public async Task QuotaStatusListsEveryModelAndRefusesUnknownOnes()
    {
        await using var env = await StartAsync();
        Assert.NotNull(await env.PostJsonAsync("/v1/converse", ConverseBody(Nova, "Hi", 10)));
        using var all = await env.GetAsync("/v1/quota");
        var overview = JsonNode.Parse(await all.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("local", (string)overview["callerId"]!);
        var models = overview["models"]!.AsArray();
        Assert.Equal(env.Local.Catalog.Configuration.Quota.Models.Count, models.Count);
        var nova = models.Single(m => (string)m!["modelId"]! == Nova)!;
        Assert.Equal(1, (long)nova["scopes"]!.AsArray().Single(s => (string)s!["kind"]! == "RequestsPerMinute")!["used"]!);

        using var unknown = await env.GetAsync("/v1/quota/acme.none-v1:0");
        await ErrorResponse.ExpectAsync(unknown, HttpStatusCode.NotFound, "modelId");
    }
}
