using System.Text;
using System.Text.Json;

namespace Serverless.LocalBedrock.Tests;

public sealed class ConverseTests
{
    private const string Conversation = """{"system":[{"text":"You are terse."}],"messages":[{"role":"user","content":[{"text":"What is a token?"}]},{"role":"assistant","content":[{"text":"A piece of text."}]},{"role":"user","content":[{"text":"And a quota?"}]}],"inferenceConfig":{"maxTokens":400}}""";

    [Fact]
    public async Task Converse_stream_and_count_tokens_agree_on_usage()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        var whole = await (await client.PostAsync(TestServer.Sonnet45, "converse", Conversation)).OkJsonAsync();
        Assert.Equal("assistant", whole.GetProperty("output").GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("end_turn", whole.GetProperty("stopReason").GetString());
        Assert.True(whole.GetProperty("metrics").TryGetProperty("latencyMs", out _));
        var usage = whole.GetProperty("usage");

        var count = await (await client.PostAsync(TestServer.Sonnet45, "count-tokens", "{\"input\":{\"converse\":" + Conversation.Replace(",\"inferenceConfig\":{\"maxTokens\":400}", "") + "}}")).OkJsonAsync();
        Assert.Equal(usage.GetProperty("inputTokens").GetInt32(), count.GetProperty("inputTokens").GetInt32());

        using var streamed = await client.PostAsync(TestServer.Sonnet45, "converse-stream", Conversation);
        var events = await streamed.EventsAsync();
        var types = events.Select(e => e.EventType).ToList();
        Assert.Equal("messageStart", types[0]);
        Assert.Equal(["contentBlockStop", "messageStop", "metadata"], types.TakeLast(3));
        Assert.All(types.Skip(1).SkipLast(3), t => Assert.Equal("contentBlockDelta", t));
        Assert.All(events, e =>
        {
            Assert.Equal("event", e.MessageType);
            Assert.Equal("application/json", e.ContentType);
            Assert.False(string.IsNullOrEmpty(e.Json().GetProperty("p").GetString()));
        });
        var text = string.Concat(events.Skip(1).SkipLast(3).Select(e => e.Json().GetProperty("delta").GetProperty("text").GetString()));
        Assert.Equal(whole.GetProperty("output").GetProperty("message").GetProperty("content")[0].GetProperty("text").GetString(), text);
        var metadata = events[^1].Json();
        Assert.Equal(usage.GetProperty("inputTokens").GetInt32(), metadata.GetProperty("usage").GetProperty("inputTokens").GetInt32());
        Assert.Equal(usage.GetProperty("outputTokens").GetInt32(), metadata.GetProperty("usage").GetProperty("outputTokens").GetInt32());
        Assert.True(metadata.GetProperty("metrics").TryGetProperty("latencyMs", out _));
        Assert.Equal("end_turn", events[^2].Json().GetProperty("stopReason").GetString());
    }

    [Fact]
    public async Task Count_tokens_of_an_invoke_model_body_equals_that_invocation_usage()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        var native = TestServer.AnthropicBody("How many tokens is this sentence, exactly?");
        var whole = await (await client.PostAsync(TestServer.Haiku3, "invoke", native)).OkJsonAsync();
        var count = await (await client.PostAsync(TestServer.Haiku3, "count-tokens",
            "{\"input\":{\"invokeModel\":{\"body\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(native)) + "\"}}}")).OkJsonAsync();
        Assert.Equal(whole.GetProperty("usage").GetProperty("input_tokens").GetInt32(), count.GetProperty("inputTokens").GetInt32());

        // The same conversation through Converse counts the same.
        var converse = await (await client.PostAsync(TestServer.Haiku3, "converse", TestServer.ConverseBody("How many tokens is this sentence, exactly?"))).OkJsonAsync();
        Assert.Equal(count.GetProperty("inputTokens").GetInt32(), converse.GetProperty("usage").GetProperty("inputTokens").GetInt32());
    }

    [Fact]
    public async Task Output_stops_at_max_tokens_with_that_stop_reason()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Client();
        var result = await (await client.PostAsync(TestServer.NovaLite, "converse", TestServer.ConverseBody("Say a lot.", maxTokens: 3))).OkJsonAsync();
        Assert.Equal("max_tokens", result.GetProperty("stopReason").GetString());
        Assert.Equal(3, result.GetProperty("usage").GetProperty("outputTokens").GetInt32());
    }

    [Fact]
    public async Task Stop_sequences_end_the_answer_early()
    {
        await using var server = await TestServer.StartAsync(s => s.Generation.Mode = "echo");
        using var client = server.Client();
        var body = TestServer.ConverseBody("alpha beta STOP gamma").Replace("]}]}", "]}],\"inferenceConfig\":{\"stopSequences\":[\"STOP\"]}}");
        var result = await (await client.PostAsync(TestServer.NovaLite, "converse", body)).OkJsonAsync();
        Assert.Equal("stop_sequence", result.GetProperty("stopReason").GetString());
        Assert.Equal("alpha beta ", result.GetProperty("output").GetProperty("message").GetProperty("content")[0].GetProperty("text").GetString());
    }
}
