namespace Serverless.LocalBedrock.Tests;

public sealed class BadInputTests
{
    [Theory]
    [InlineData("converse", "{not json", "Malformed input request")]
    [InlineData("converse", "[]", "Malformed input request")]
    [InlineData("converse", "{}", "messages: Field required")]
    [InlineData("converse", """{"messages":[]}""", "messages: List should have at least 1 item")]
    [InlineData("converse", """{"messages":"hi"}""", "messages: Input should be a valid list")]
    [InlineData("converse", """{"messages":[{"role":"bot","content":[{"text":"x"}]}]}""", "messages.0.role")]
    [InlineData("converse", """{"messages":[{"role":"user"}]}""", "messages.0.content: Field required")]
    [InlineData("converse", """{"messages":[{"role":"user","content":[]}]}""", "messages.0.content: List should have at least 1 item")]
    [InlineData("converse", """{"messages":[{"role":"user","content":[{"text":5}]}]}""", "messages.0.content.0.text: Input should be a valid string")]
    [InlineData("converse", """{"messages":[{"role":"assistant","content":[{"text":"x"}]}]}""", "must start with a user message")]
    [InlineData("converse", """{"messages":[{"role":"user","content":[{"text":"x"}]},{"role":"user","content":[{"text":"y"}]}]}""", "messages.1.role")]
    [InlineData("converse", """{"messages":[{"role":"user","content":[{"text":"x"}]}],"inferenceConfig":{"maxTokens":"ten"}}""", "inferenceConfig.maxTokens: Input should be a valid integer")]
    [InlineData("converse", """{"messages":[{"role":"user","content":[{"text":"x"}]}],"inferenceConfig":{"maxTokens":0}}""", "inferenceConfig.maxTokens")]
    [InlineData("converse", """{"messages":[{"role":"user","content":[{"text":"x"}]}],"inferenceConfig":{"maxTokens":999999}}""", "inferenceConfig.maxTokens: 999999 > 10000")]
    [InlineData("converse", """{"messages":[{"role":"user","content":[{"text":"x"}]}],"inferenceConfig":{"temperature":3}}""", "inferenceConfig.temperature")]
    [InlineData("converse", """{"messages":[{"role":"user","content":[{"text":"x"}]}],"toolConfig":{"tools":[]}}""", "toolConfig.tools")]
    [InlineData("converse", """{"messages":[{"role":"user","content":[{"text":"x"}]}],"toolConfig":{"tools":[{"toolSpec":{"name":"t","inputSchema":{"json":{}}}}],"toolChoice":{"tool":{"name":"u"}}}}""", "toolConfig.toolChoice.tool.name")]
    [InlineData("invoke", """{"messages":[{"role":"user","content":[{"text":"x"}]}],"inferenceConfig":{"maxTokens":-1}}""", "inferenceConfig.maxTokens")]
    [InlineData("count-tokens", """{"input":{}}""", "input: must set exactly one of converse, invokeModel")]
    [InlineData("count-tokens", """{"input":{"invokeModel":{"body":"%%%"}}}""", "input.invokeModel.body")]
    public async Task Nova_and_converse_bodies_are_refused_naming_the_member(string operation, string body, string expected)
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        using var response = await client.PostAsync(TestServer.NovaLite, operation, body);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("ValidationException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Contains(expected, (await response.JsonAsync()).GetProperty("message").GetString());
    }

    [Theory]
    [InlineData(TestServer.Haiku3, """{"max_tokens":10,"messages":[{"role":"user","content":"x"}]}""", "anthropic_version: Field required")]
    [InlineData(TestServer.Haiku3, """{"anthropic_version":"bedrock-2023-05-31","messages":[{"role":"user","content":"x"}]}""", "max_tokens: Field required")]
    [InlineData(TestServer.Haiku3, """{"anthropic_version":"bedrock-2023-05-31","max_tokens":5000,"messages":[{"role":"user","content":"x"}]}""", "max_tokens: 5000 > 4096")]
    [InlineData(TestServer.Haiku3, """{"anthropic_version":"bedrock-2023-05-31","max_tokens":10,"messages":[]}""", "messages: at least one message is required")]
    [InlineData(TestServer.Haiku3, """{"anthropic_version":"bedrock-2023-05-31","max_tokens":10,"messages":[{"role":"user","content":[{"type":"video"}]}]}""", "messages.0.content.0.type")]
    [InlineData(TestServer.Haiku3, """{"anthropic_version":"bedrock-2023-05-31","max_tokens":10,"messages":[{"role":"user","content":5}]}""", "messages.0.content")]
    [InlineData(TestServer.TitanExpress, """{"textGenerationConfig":{}}""", "inputText: Field required")]
    [InlineData(TestServer.TitanExpress, """{"inputText":"x","textGenerationConfig":{"maxTokenCount":true}}""", "textGenerationConfig.maxTokenCount")]
    [InlineData(TestServer.Llama31, """{"prompt":""}""", "prompt: String should have at least 1 character")]
    [InlineData(TestServer.Llama31, """{"prompt":"x","max_gen_len":99999}""", "max_gen_len")]
    public async Task Native_bodies_are_refused_naming_the_member(string model, string body, string expected)
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        foreach (var operation in new[] { "invoke", "invoke-with-response-stream" })
        {
            using var response = await client.PostAsync(model, operation, body);
            Assert.Equal(400, (int)response.StatusCode);
            Assert.Contains(expected, (await response.JsonAsync()).GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task An_oversized_body_is_a_validation_error_not_a_413()
    {
        await using var server = await TestServer.StartAsync(s => s.MaxRequestBodyBytes = 1000);
        using var client = server.Client();
        using var response = await client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody(new string('a', 5000)));
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("body", (await response.JsonAsync()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_unknown_route_is_a_json_404()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        using var response = await client.PostAsync(TestServer.NovaLite, "teleport", "{}");
        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("UnknownOperationException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }
}
