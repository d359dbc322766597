namespace Serverless.Conversations.Memory;

/// <summary>
/// Summarises turns that no longer fit the budget, so the model keeps their gist (e.g. one Bedrock call). Return null
/// or blank for no summary. The summary should stay within <see cref="SummaryRequest.MaxTokens"/>: that is the part of
/// the budget kept free for it.
/// </summary>
public delegate ValueTask<string?> ConversationSummarizer(SummaryRequest request, CancellationToken cancellationToken);

/// <summary>What to summarise.</summary>
/// <param name="Key">The conversation.</param>
/// <param name="DroppedTurns">The loaded turns left out of the request, oldest first.</param>
/// <param name="ModelId">The model the conversation is with.</param>
/// <param name="MaxTokens">The summary's share of the budget.</param>
public sealed record SummaryRequest(ConversationKey Key, IReadOnlyList<ConversationTurn> DroppedTurns, string ModelId, int MaxTokens);
