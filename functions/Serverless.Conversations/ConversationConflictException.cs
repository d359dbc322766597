namespace Serverless.Conversations;

/// <summary>
/// Another turn was committed to the conversation after this one loaded it (two requests on one conversation at once).
/// Nothing of this turn was stored; an HTTP function answers 409 and the caller may resend.
/// </summary>
public sealed class ConversationConflictException : Exception
{
    public ConversationConflictException(string conversationId, long expectedVersion, Exception? innerException = null)
        : base(Describe(conversationId), innerException)
    {
        ConversationId = conversationId;
        ExpectedVersion = expectedVersion;
    }

    public string ConversationId { get; }

    /// <summary>The version this turn was prepared against (the number of turns it saw).</summary>
    public long ExpectedVersion { get; }

    private static string Describe(string conversationId)
        => $"Conversation '{conversationId}' received another turn while this one was running; this turn was not saved. Resend it to continue from the latest turn.";
}
