namespace Serverless.Conversations;

/// <summary>
/// A turn (its messages as Bedrock JSON) is larger than a conversation can store (<see cref="ConversationLimits.MaxTurnBytes"/>).
/// <see cref="Memory.ConversationMemory.PrepareAsync"/> checks the caller's messages before the model is called, so an
/// HTTP function answers 413 without spending a model call.
/// </summary>
public sealed class ConversationTurnTooLargeException(string field, long bytes, long limit)
    : Exception($"{field} is {bytes} bytes as Bedrock JSON; a conversation turn may be at most {limit} bytes. Send large documents or images without a conversationId.")
{
    /// <summary>What was too large (e.g. <c>messages</c>, <c>turn</c>).</summary>
    public string Field { get; } = field;

    public long Bytes { get; } = bytes;

    public long Limit { get; } = limit;
}
