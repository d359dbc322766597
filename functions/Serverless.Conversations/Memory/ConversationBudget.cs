namespace Serverless.Conversations.Memory;

/// <summary>
/// How many input tokens the conversation's messages (history + the new messages) may take. Callers subtract what
/// else the request carries (system prompt, tool definitions) and the room the reply needs from the model's context.
/// </summary>
/// <param name="ModelId">The model the estimate calibrates for.</param>
/// <param name="MaxInputTokens">The token budget for the messages sent.</param>
public sealed record ConversationBudget(string ModelId, long MaxInputTokens);
