using System.Text;
using System.Text.Json;
using Serverless.Bedrock.Model;
using Serverless.Functions.Configuration;

namespace Serverless.Functions.Handlers.Structured;

/// <summary>
/// One answer of the model, read as the JSON document it should be: the reply text (native structured output), or
/// the forced tool's input (tool use). <see cref="Problem"/> says what is wrong when there is no document at all.
/// </summary>
internal sealed class StructuredAttempt
{
    private StructuredAttempt(ConverseResponse response, JsonElement? document, string? problem, ToolUseBlock? toolUse)
    {
        Response = response;
        Document = document;
        Problem = problem;
        ToolUse = toolUse;
    }

    public ConverseResponse Response { get; }

    public JsonElement? Document { get; }

    public string? Problem { get; }

    public ToolUseBlock? ToolUse { get; }

    public static StructuredAttempt Read(ConverseResponse response, StructuredOutputMode mode, string toolName)
    {
        var content = response.Output.Message?.Content ?? [];
        if (mode == StructuredOutputMode.ToolUse)
        {
            var call = content.Select(b => b.ToolUse).FirstOrDefault(t => t is not null && t.Name == toolName);
            return call is null
                ? new StructuredAttempt(response, null, $"the model did not call the tool '{toolName}' (stopReason {response.StopReason})", null)
                : new StructuredAttempt(response, call.Input.Clone(), null, call);
        }

        var text = new StringBuilder();
        foreach (var block in content)
        {
            text.Append(block.Text);
        }

        if (text.Length == 0)
        {
            return new StructuredAttempt(response, null, $"the reply has no text (stopReason {response.StopReason})", null);
        }

        try
        {
            using var document = JsonDocument.Parse(text.ToString());
            return new StructuredAttempt(response, document.RootElement.Clone(), null, null);
        }
        catch (JsonException exception)
        {
            return new StructuredAttempt(response, null, $"the reply is not JSON ({exception.Message.Split(" Path:", 2)[0]})", null);
        }
    }

    /// <summary>
    /// The two messages that feed the problems back: the model's own reply, then what was wrong with it (for tool use
    /// as the tool's error result, which Converse requires after a tool call).
    /// </summary>
    public IEnumerable<Message> RepairMessages(string problems, StructuredOutputMode mode, string toolName)
    {
        var reply = Response.Output.Message is { Content.Count: > 0 } message
            ? new Message { Role = ConversationRole.Assistant, Content = message.Content }
            : new Message { Role = ConversationRole.Assistant, Content = [ContentBlock.FromText("(no reply)")] };
        yield return reply;

        if (mode == StructuredOutputMode.ToolUse && ToolUse is { } call)
        {
            yield return new Message
            {
                Role = ConversationRole.User,
                Content =
                [
                    new ContentBlock
                    {
                        ToolResult = new ToolResultBlock
                        {
                            ToolUseId = call.ToolUseId,
                            Status = "error",
                            Content = [new ToolResultContentBlock { Text = $"The input does not match the tool's JSON schema:\n{problems}\nCall {toolName} again with corrected input." }],
                        },
                    },
                ],
            };
            yield break;
        }

        var instruction = mode == StructuredOutputMode.ToolUse
            ? $"Call the tool {toolName} with input that matches its JSON schema. Problems: {problems}"
            : $"That reply does not match the JSON schema:\n{problems}\nReply again with only the corrected JSON document.";
        yield return new Message { Role = ConversationRole.User, Content = [ContentBlock.FromText(instruction)] };
    }
}
