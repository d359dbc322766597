using System.Text;
using System.Text.Json;
using Serverless.Bedrock.Model;

namespace Serverless.Functions.Handlers.Converse;

/// <summary>
/// Rebuilds the assistant's message from ConverseStream events (text deltas, tool-use input fragments) so a streamed
/// turn can be stored like a buffered one. Complete once messageStop arrived.
/// </summary>
internal sealed class StreamedReply
{
    private readonly SortedDictionary<int, Block> _blocks = [];

    public bool Completed { get; private set; }

    public void Add(ConverseStreamOutput item)
    {
        if (item.ContentBlockStart is { } start && start.Start.ToolUse is { } tool)
        {
            BlockAt(start.ContentBlockIndex).Tool = (tool.ToolUseId, tool.Name);
        }
        else if (item.ContentBlockDelta is { } delta)
        {
            var block = BlockAt(delta.ContentBlockIndex);
            if (delta.Delta.Text is { } text)
            {
                block.Text.Append(text);
            }
            else if (delta.Delta.ToolUse is { } input)
            {
                block.Input.Append(input.Input);
            }
        }
        else if (item.MessageStop is not null)
        {
            Completed = true;
        }
    }

    public Message ToMessage()
    {
        var message = new Message { Role = ConversationRole.Assistant };
        foreach (var block in _blocks.Values)
        {
            if (block.Tool is { } tool)
            {
                using var input = JsonDocument.Parse(block.Input.Length == 0 ? "{}" : block.Input.ToString());
                message.Content.Add(new ContentBlock { ToolUse = new ToolUseBlock { ToolUseId = tool.Id, Name = tool.Name, Input = input.RootElement.Clone() } });
            }
            else if (block.Text.Length > 0)
            {
                message.Content.Add(ContentBlock.FromText(block.Text.ToString()));
            }
        }

        return message;
    }

    private Block BlockAt(int index)
    {
        if (!_blocks.TryGetValue(index, out var block))
        {
            block = new Block();
            _blocks[index] = block;
        }

        return block;
    }

    private sealed class Block
    {
        public StringBuilder Text { get; } = new();

        public StringBuilder Input { get; } = new();

        public (string Id, string Name)? Tool { get; set; }
    }
}
