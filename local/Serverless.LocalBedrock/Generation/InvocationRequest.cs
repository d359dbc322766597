using System.Text.Json;

namespace Serverless.LocalBedrock.Generation;

/// <summary>A validated request in format-neutral form: what to answer, how much, and in what shape.</summary>
public sealed class InvocationRequest
{
    public required Prompt Prompt { get; init; }

    /// <summary>The effective output cap (the request's, or the model's default when it gave none).</summary>
    public required int MaxTokens { get; init; }

    public IReadOnlyList<string> StopSequences { get; init; } = [];

    /// <summary>When set, the answer text is a JSON document valid against this schema.</summary>
    public JsonElement? ResponseSchema { get; init; }

    /// <summary>When set, the answer is a call of this tool.</summary>
    public ForcedTool? Tool { get; init; }
}

/// <summary>A tool the request forces the model to call, with the schema its input must satisfy.</summary>
public sealed record ForcedTool(string Name, JsonElement InputSchema);

/// <summary>A tool call in an answer; <see cref="InputJson"/> is the input document's text.</summary>
public sealed record ToolCall(string ToolUseId, string Name, string InputJson);

/// <summary>What the model "generated" for one request, with the token counts every response reports.</summary>
public sealed class GenerationResult
{
    public required string Text { get; init; }

    public ToolCall? ToolUse { get; init; }

    public required int InputTokens { get; init; }

    public required int OutputTokens { get; init; }

    /// <summary>Converse vocabulary: end_turn, max_tokens, stop_sequence or tool_use; formats translate it.</summary>
    public required string StopReason { get; init; }

    /// <summary>The stop sequence that ended the answer, when <see cref="StopReason"/> is stop_sequence.</summary>
    public string? StopSequence { get; init; }

    /// <summary>Seed for ids and padding derived from this answer, so repeated requests look alike.</summary>
    public required int Seed { get; init; }
}
