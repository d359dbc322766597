using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Bedrock.Json;
using Serverless.Bedrock.Model;
using Serverless.Bedrock.Tests.Support;

namespace Serverless.Bedrock.Tests.Client;

public sealed class ConverseJsonFixtureTests
{
    public static TheoryData<string> Fixtures() =>
        [.. Directory.GetFiles(TestPaths.Fixture("eventstream", "bedrock", "vercel-ai", "converse-json"), "*.json").Select(f => Path.GetFileName(f)!).Order()];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Converse_responses_deserialize_and_round_trip(string file)
    {
        var text = File.ReadAllText(TestPaths.Fixture("eventstream", "bedrock", "vercel-ai", "converse-json", file));
        var response = JsonSerializer.Deserialize(text, BedrockJsonContext.Default.ConverseResponse)!;

        Assert.NotNull(response.Output.Message);
        Assert.Equal("assistant", response.Output.Message.Role);
        Assert.NotEmpty(response.Output.Message.Content);
        Assert.True(response.Usage.TotalTokens > 0);
        Assert.False(string.IsNullOrEmpty(response.StopReason));

        // Everything the service sent comes back out (defaults the fixture left out, like metrics, are added).
        var original = JsonNode.Parse(text)!.AsObject();
        var written = JsonNode.Parse(JsonSerializer.Serialize(response, BedrockJsonContext.Default.ConverseResponse))!.AsObject();
        foreach (var (name, value) in original)
        {
            Assert.True(JsonNode.DeepEquals(value, written[name]), $"{file}: member {name} changed: {written[name]?.ToJsonString()}");
        }
    }

    [Fact]
    public void Tool_use_input_is_kept_as_a_json_document()
    {
        var text = File.ReadAllText(TestPaths.Fixture("eventstream", "bedrock", "vercel-ai", "converse-json", "amazon-bedrock-tool-call.1.json"));
        var response = JsonSerializer.Deserialize(text, BedrockJsonContext.Default.ConverseResponse)!;
        var toolUse = response.Output.Message!.Content[0].ToolUse!;
        Assert.Equal("bash", toolUse.Name);
        Assert.Equal("ls -l", toolUse.Input.GetProperty("command").GetString());
    }

    [Fact]
    public void Unknown_members_are_kept_so_responses_round_trip()
    {
        const string text = """{"output":{"message":{"role":"assistant","content":[{"futureBlock":{"x":1}}]}},"stopReason":"end_turn","usage":{"inputTokens":1,"outputTokens":1,"totalTokens":2},"metrics":{"latencyMs":5},"futureTopLevel":"y"}""";
        var response = JsonSerializer.Deserialize(text, BedrockJsonContext.Default.ConverseResponse)!;
        var written = JsonSerializer.Serialize(response, BedrockJsonContext.Default.ConverseResponse);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), JsonNode.Parse(written)), written);
    }
}
