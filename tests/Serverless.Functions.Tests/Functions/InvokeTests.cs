using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Serverless.Functions.Tests.Support;
using Serverless.Quota;
using static Serverless.Functions.Tests.Support.TestEnvironment;

namespace Serverless.Functions.Tests.Functions;

/// <summary>POST /v1/invoke/{modelId}: model-native bodies through the host, the ledger and the local Bedrock.</summary>
public class InvokeTests
{
    public static TheoryData<string, string, string> NativeBodies => new()
    {
        { Claude, """{"anthropic_version":"bedrock-2023-05-31","max_tokens":40,"messages":[{"role":"user","content":"Hello"}]}""", "content" },
        { Nova, """{"messages":[{"role":"user","content":[{"text":"Hello"}]}],"inferenceConfig":{"max_new_tokens":40}}""", "output" },
        { Titan, """{"inputText":"Hello","textGenerationConfig":{"maxTokenCount":40}}""", "results" },
        { Llama, """{"prompt":"Hello","max_gen_len":40}""", "generation" },
    };

    [Theory]
    [MemberData(nameof(NativeBodies))]
    public async Task TheNativeBodyIsPassedThroughAndTheLedgerSettlesToTheReportedUsage(string modelId, string body, string member)
    {
        await using var env = await StartAsync();
        using var response = await env.PostAsync($"/v1/invoke/{modelId}", body);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(text)![member]);

        var input = long.Parse(response.Headers.GetValues("x-amzn-bedrock-input-token-count").Single());
        var output = long.Parse(response.Headers.GetValues("x-amzn-bedrock-output-token-count").Single());
        Assert.InRange(output, 1, 40);
        var status = await env.StatusAsync(modelId);
        Assert.Equal(1, status.Scopes.Single(s => s.Kind == QuotaLimitKind.RequestsPerMinute).Used);
        Assert.Equal(input + output, status.Scopes.Single(s => s.Kind == QuotaLimitKind.TokensPerMinute).Used);
    }

    [Fact]
    public async Task TheBodyIsTheSameAsBedrockAnswersDirectly()
    {
        await using var env = await StartAsync();
        const string body = """{"anthropic_version":"bedrock-2023-05-31","max_tokens":30,"messages":[{"role":"user","content":"Same?"}]}""";
        using var viaHost = await env.PostAsync($"/v1/invoke/{Claude}", body);
        using var direct = await env.Http.PostAsync(new Uri(env.Bedrock.BaseAddress, $"model/{Claude}/invoke"),
            new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var hostBody = JsonNode.Parse(await viaHost.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        var directBody = JsonNode.Parse(await direct.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        // Seeded generation: the same request gives the same answer; only the message id differs per call.
        Assert.Equal(directBody["content"]!.ToJsonString(), hostBody["content"]!.ToJsonString());
        Assert.Equal(directBody["usage"]!.ToJsonString(), hostBody["usage"]!.ToJsonString());
    }

    [Fact]
    public async Task WithoutMaxTokensTheModelsDefaultIsReserved()
    {
        await using var env = await StartAsync(configure: c => c.Models[Titan].DefaultMaxTokens = 300);
        using var _ = await env.PostAsync($"/v1/invoke/{Titan}", """{"inputText":"Hello"}""");
        // Reserved 300 then settled; the settled use is far below what was reserved.
        var used = (await env.StatusAsync(Titan)).Scopes.Single(s => s.Kind == QuotaLimitKind.TokensPerMinute).Used;
        Assert.InRange(used, 1, 299);
    }

    [Theory]
    [InlineData("""{"anthropic_version":"bedrock-2023-05-31","max_tokens":"many","messages":[]}""", "max_tokens")]
    [InlineData("""{"anthropic_version":"bedrock-2023-05-31","max_tokens":0,"messages":[]}""", "max_tokens")]
    [InlineData("""{"inferenceConfig":{"max_new_tokens":1.5}}""", "inferenceConfig.max_new_tokens")]
    [InlineData("""{"inputText":"x","textGenerationConfig":{"maxTokenCount":true}}""", "textGenerationConfig.maxTokenCount")]
    [InlineData("""{"prompt":"x","max_gen_len":"10"}""", "max_gen_len")]
    [InlineData("""{"prompt": "x", """, "body")]
    [InlineData("""["not an object"]""", "body")]
    [InlineData("", "body")]
    public async Task BadBodiesAreRefusedNamingTheField(string body, string field)
    {
        await using var env = await StartAsync();
        using var response = await env.PostAsync($"/v1/invoke/{Llama}", body);
        await ErrorResponse.ExpectAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(0, env.BedrockResponses("InvokeModel"));
    }

    [Fact]
    public async Task AnUnknownModelIsNotFoundAndNeverReachesBedrock()
    {
        await using var env = await StartAsync();
        using var response = await env.PostAsync("/v1/invoke/acme.unknown-model-v1:0", """{"prompt":"x"}""");
        var error = await ErrorResponse.ExpectAsync(response, HttpStatusCode.NotFound, "modelId");
        Assert.Equal("UnknownModel", error.Code);
        Assert.Equal(0, env.BedrockResponses("InvokeModel"));
    }

    [Fact]
    public async Task AnOversizedBodyIsRefusedWith413()
    {
        await using var env = await StartAsync(configure: c => c.MaxRequestBodyBytes = 1_000);
        var body = $$"""{"prompt":"{{new string('x', 1_000)}}","max_gen_len":10}""";
        using var response = await env.PostAsync($"/v1/invoke/{Llama}", body);
        var error = await ErrorResponse.ExpectAsync(response, HttpStatusCode.RequestEntityTooLarge, "body");
        Assert.Equal("PayloadTooLarge", error.Code);
        Assert.Equal(0, env.BedrockResponses("InvokeModel"));
    }

    [Fact]
    public async Task BedrocksOwnValidationErrorIsA400WithItsMessage()
    {
        await using var env = await StartAsync();
        // Above the model's maximum output: the ledger admits it, Bedrock refuses it.
        using var response = await env.PostAsync($"/v1/invoke/{Llama}", """{"prompt":"x","max_gen_len":100000}""");
        var error = await ErrorResponse.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("ValidationException", error.Code);
        Assert.Contains("max_gen_len", error.Message);
    }
}
