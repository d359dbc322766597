using System.Text;
using System.Text.Json;

namespace Serverless.LocalBedrock.Tests;

public sealed class InvokeModelFormatTests
{
    [Fact]
    public async Task Anthropic_response_has_the_messages_shape_and_token_headers()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        using var response = await client.PostAsync(TestServer.Haiku3, "invoke", TestServer.AnthropicBody("Tell me about quotas."));
        var body = await response.OkJsonAsync();

        Assert.StartsWith("msg_bdrk_01", body.GetProperty("id").GetString());
        Assert.Equal("message", body.GetProperty("type").GetString());
        Assert.Equal("assistant", body.GetProperty("role").GetString());
        Assert.Equal("claude-3-haiku-20240307", body.GetProperty("model").GetString());
        Assert.Equal("text", body.GetProperty("content")[0].GetProperty("type").GetString());
        Assert.Equal("end_turn", body.GetProperty("stop_reason").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("stop_sequence").ValueKind);
        var usage = body.GetProperty("usage");
        Assert.Equal(usage.GetProperty("input_tokens").GetInt32().ToString(), response.Headers.GetValues("X-Amzn-Bedrock-Input-Token-Count").Single());
        Assert.Equal(usage.GetProperty("output_tokens").GetInt32().ToString(), response.Headers.GetValues("X-Amzn-Bedrock-Output-Token-Count").Single());
        Assert.True(response.Headers.Contains("X-Amzn-Bedrock-Invocation-Latency"));
    }

    [Fact]
    public async Task Anthropic_stream_emits_the_event_sequence_with_invocation_metrics_last()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        using var plain = await client.PostAsync(TestServer.Haiku3, "invoke", TestServer.AnthropicBody("Stream please."));
        var whole = await plain.OkJsonAsync();
        using var response = await client.PostAsync(TestServer.Haiku3, "invoke-with-response-stream", TestServer.AnthropicBody("Stream please."));
        Assert.Equal("application/json", response.Headers.GetValues("X-Amzn-Bedrock-Content-Type").Single());
        var chunks = (await response.EventsAsync()).Select(e =>
        {
            Assert.False(string.IsNullOrEmpty(e.Json().GetProperty("p").GetString()));
            return e.Chunk();
        }).ToList();

        var types = chunks.Select(c => c.GetProperty("type").GetString()).ToList();
        Assert.Equal("message_start", types[0]);
        Assert.Equal("content_block_start", types[1]);
        Assert.All(types.Skip(2).Take(types.Count - 5), t => Assert.Equal("content_block_delta", t));
        Assert.Equal(["content_block_stop", "message_delta", "message_stop"], types.TakeLast(3));
        var text = string.Concat(chunks.Where(c => c.GetProperty("type").GetString() == "content_block_delta").Select(c => c.GetProperty("delta").GetProperty("text").GetString()));
        Assert.Equal(whole.GetProperty("content")[0].GetProperty("text").GetString(), text);
        var metrics = chunks[^1].GetProperty("amazon-bedrock-invocationMetrics");
        Assert.Equal(whole.GetProperty("usage").GetProperty("input_tokens").GetInt32(), metrics.GetProperty("inputTokenCount").GetInt32());
        Assert.Equal(whole.GetProperty("usage").GetProperty("output_tokens").GetInt32(), metrics.GetProperty("outputTokenCount").GetInt32());
        Assert.True(metrics.TryGetProperty("invocationLatency", out _) && metrics.TryGetProperty("firstByteLatency", out _));
        Assert.Equal(whole.GetProperty("usage").GetProperty("output_tokens").GetInt32(), chunks[^2].GetProperty("usage").GetProperty("output_tokens").GetInt32());
    }

    [Fact]
    public async Task Anthropic_forced_tool_returns_a_tool_use_block_valid_against_its_schema()
    {
        const string schema = """{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer","minimum":1,"maximum":7}},"required":["city","days"]}""";
        var body = """{"anthropic_version":"bedrock-2023-05-31","max_tokens":300,"messages":[{"role":"user","content":"Weather?"}],"tools":[{"name":"forecast","input_schema":""" + schema + """}],"tool_choice":{"type":"tool","name":"forecast"}}""";
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        var result = await (await client.PostAsync(TestServer.Sonnet45, "invoke", body)).OkJsonAsync();

        Assert.Equal("tool_use", result.GetProperty("stop_reason").GetString());
        var block = result.GetProperty("content")[0];
        Assert.Equal("tool_use", block.GetProperty("type").GetString());
        Assert.Equal("forecast", block.GetProperty("name").GetString());
        Assert.StartsWith("toolu_bdrk_", block.GetProperty("id").GetString());
        SchemaCheck.AssertValid(schema, block.GetProperty("input").GetRawText());
    }

    [Fact]
    public async Task Nova_response_and_stream_follow_the_nova_shapes()
    {
        const string body = """{"schemaVersion":"messages-v1","system":[{"text":"Be brief."}],"messages":[{"role":"user","content":[{"text":"Hello Nova"}]}],"inferenceConfig":{"maxTokens":300}}""";
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        var whole = await (await client.PostAsync(TestServer.NovaLite, "invoke", body)).OkJsonAsync();
        Assert.Equal("assistant", whole.GetProperty("output").GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("end_turn", whole.GetProperty("stopReason").GetString());
        var usage = whole.GetProperty("usage");
        Assert.Equal(usage.GetProperty("inputTokens").GetInt32() + usage.GetProperty("outputTokens").GetInt32(), usage.GetProperty("totalTokens").GetInt32());

        using var streamed = await client.PostAsync(TestServer.NovaLite, "invoke-with-response-stream", body);
        var chunks = (await streamed.EventsAsync()).Select(e => e.Chunk()).ToList();
        var kinds = chunks.Select(c => c.EnumerateObject().First().Name).ToList();
        Assert.Equal("messageStart", kinds[0]);
        Assert.Equal(["contentBlockStop", "messageStop", "metadata"], kinds.TakeLast(3));
        Assert.All(kinds.Skip(1).SkipLast(3), k => Assert.Equal("contentBlockDelta", k));
        var text = string.Concat(chunks.Skip(1).SkipLast(3).Select(c => c.GetProperty("contentBlockDelta").GetProperty("delta").GetProperty("text").GetString()));
        Assert.Equal(whole.GetProperty("output").GetProperty("message").GetProperty("content")[0].GetProperty("text").GetString(), text);
        Assert.Equal(usage.GetProperty("outputTokens").GetInt32(), chunks[^1].GetProperty("metadata").GetProperty("usage").GetProperty("outputTokens").GetInt32());
        Assert.True(chunks[^1].TryGetProperty("amazon-bedrock-invocationMetrics", out _));
    }

    [Fact]
    public async Task Titan_reports_completion_reason_and_counts_in_both_forms()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        const string body = """{"inputText":"Write about rivers.","textGenerationConfig":{"maxTokenCount":5}}""";
        var whole = await (await client.PostAsync(TestServer.TitanExpress, "invoke", body)).OkJsonAsync();
        var result = whole.GetProperty("results")[0];
        Assert.Equal("LENGTH", result.GetProperty("completionReason").GetString());
        Assert.Equal(5, result.GetProperty("tokenCount").GetInt32());
        Assert.True(whole.GetProperty("inputTextTokenCount").GetInt32() > 0);

        using var streamed = await client.PostAsync(TestServer.TitanExpress, "invoke-with-response-stream", body);
        var chunks = (await streamed.EventsAsync()).Select(e => e.Chunk()).ToList();
        Assert.Equal(whole.GetProperty("inputTextTokenCount").GetInt32(), chunks[0].GetProperty("inputTextTokenCount").GetInt32());
        Assert.All(chunks.SkipLast(1), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("completionReason").ValueKind));
        Assert.Equal("LENGTH", chunks[^1].GetProperty("completionReason").GetString());
        Assert.Equal(5, chunks[^1].GetProperty("totalOutputTextTokenCount").GetInt32());
        Assert.Equal(result.GetProperty("outputText").GetString(), string.Concat(chunks.Select(c => c.GetProperty("outputText").GetString())));
    }

    [Fact]
    public async Task Llama_reports_generation_counts_and_stop_reason()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        const string body = """{"prompt":"<|begin_of_text|>Hello","max_gen_len":400}""";
        var whole = await (await client.PostAsync(TestServer.Llama31, "invoke", body)).OkJsonAsync();
        Assert.Equal("stop", whole.GetProperty("stop_reason").GetString());

        using var streamed = await client.PostAsync(TestServer.Llama31, "invoke-with-response-stream", body);
        var chunks = (await streamed.EventsAsync()).Select(e => e.Chunk()).ToList();
        Assert.Equal(whole.GetProperty("prompt_token_count").GetInt32(), chunks[0].GetProperty("prompt_token_count").GetInt32());
        Assert.Equal(whole.GetProperty("generation_token_count").GetInt32(), chunks[^1].GetProperty("generation_token_count").GetInt32());
        Assert.Equal("stop", chunks[^1].GetProperty("stop_reason").GetString());
        Assert.Equal(whole.GetProperty("generation").GetString(), string.Concat(chunks.Select(c => c.GetProperty("generation").GetString())));
    }

    [Fact]
    public async Task Same_request_gives_the_same_body_and_a_different_prompt_a_different_one()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        var first = await (await client.PostAsync(TestServer.Haiku3, "invoke", TestServer.AnthropicBody("Same question"))).OkJsonAsync();
        var second = await (await client.PostAsync(TestServer.Haiku3, "invoke", TestServer.AnthropicBody("Same question"))).OkJsonAsync();
        var other = await (await client.PostAsync(TestServer.Haiku3, "invoke", TestServer.AnthropicBody("Other question"))).OkJsonAsync();
        Assert.Equal(first.GetRawText(), second.GetRawText());
        Assert.NotEqual(first.GetProperty("content")[0].GetProperty("text").GetString(), other.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Model_ids_arrive_percent_encoded_and_as_inference_profiles_or_arns()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        using var encoded = await client.PostAsync(TestServer.Sonnet45Profile, "converse", TestServer.ConverseBody("hi"));
        Assert.Equal(200, (int)encoded.StatusCode);

        using var content = new StringContent(TestServer.ConverseBody("hi"), Encoding.UTF8, "application/json");
        using var arn = await client.PostAsync("model/" + Uri.EscapeDataString("arn:aws:bedrock:us-east-1::foundation-model/" + TestServer.Haiku3) + "/converse", content, TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)arn.StatusCode);

        using var unknown = await client.PostAsync("anthropic.claude-v9", "converse", TestServer.ConverseBody("hi"));
        Assert.Equal(400, (int)unknown.StatusCode);
        Assert.Equal("ValidationException", unknown.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal("The provided model identifier is invalid.", (await unknown.JsonAsync()).GetProperty("message").GetString());
    }
}
