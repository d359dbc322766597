namespace Serverless.Conversations;

/// <summary>The conversation store could not be reached or refused the request for a reason not the caller's (HTTP 503).</summary>
public sealed class ConversationStoreUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
