using System.Text.Json;
using Serverless.Bedrock.Model;
using Serverless.Conversations;
using Serverless.Functions.Memory;

namespace Serverless.Functions.Tests.Memory;

public class ConversationTranscriptTests
{
    private static ConversationTurn Turn(params Message[] messages) => new(messages, DateTimeOffset.UnixEpoch);

    private static Message User(params ContentBlock[] content) => new() { Role = ConversationRole.User, Content = [.. content] };

    private static Message Assistant(params ContentBlock[] content) => new() { Role = ConversationRole.Assistant, Content = [.. content] };

    [Fact]
    public void TurnsReadAsALinePerMessageWithToolsAndAttachmentsInBrief()
    {
        var turns = new[]
        {
            Turn(User(ContentBlock.FromText("What is the weather in Oslo?")),
                Assistant(new ContentBlock { ToolUse = new ToolUseBlock { ToolUseId = "t1", Name = "weather", Input = JsonDocument.Parse("""{"city":"Oslo"}""").RootElement } })),
            Turn(User(new ContentBlock { ToolResult = new ToolResultBlock { ToolUseId = "t1", Content = [new ToolResultContentBlock { Text = "4 °C, rain" }] } }),
                Assistant(ContentBlock.FromText("It is 4 °C and raining."))),
            Turn(User(ContentBlock.FromText("Look at this:"), new ContentBlock { Image = new ImageBlock() }, new ContentBlock { Document = new DocumentBlock { Name = "plan" } }),
                Assistant(ContentBlock.FromText("Noted."))),
        };

        Assert.Equal(
            "User: What is the weather in Oslo?\n"
            + "Assistant: [calls tool weather with {\"city\":\"Oslo\"}]\n"
            + "User: [tool result: 4 °C, rain]\n"
            + "Assistant: It is 4 °C and raining.\n"
            + "User: Look at this: [image] [document plan]\n"
            + "Assistant: Noted.\n",
            ConversationTranscript.Render(turns, 10_000));
    }

    [Fact]
    public void AboveTheLimitTheNewestTurnsAreKept()
    {
        var turns = Enumerable.Range(1, 50)
            .Select(i => Turn(User(ContentBlock.FromText($"question {i}")), Assistant(ContentBlock.FromText($"answer {i}"))))
            .ToList();

        var transcript = ConversationTranscript.Render(turns, 200);

        Assert.Equal(200, transcript.Length);
        Assert.StartsWith("[…]", transcript);
        Assert.EndsWith("User: question 50\nAssistant: answer 50\n", transcript);
        Assert.DoesNotContain("question 1\n", transcript);
    }
}
