using Serverless.Bedrock.Model;
using Serverless.Conversations.Storage;
using Serverless.Quota.Tokens;

namespace Serverless.Conversations.Memory;

/// <summary>
/// Server-side memory for the converse functions. <see cref="PrepareAsync"/> loads the caller's conversation and
/// returns the messages to send (the newest whole turns that fit the token budget, then the new messages, optionally
/// preceded by a summary of the dropped turns); <see cref="CommitAsync"/> stores the turn once the model answered.
/// docs/conversations.md describes the trimming and ownership rules.
/// </summary>
public sealed class ConversationMemory
{
    private readonly IConversationStore _store;
    private readonly ITokenEstimator _estimator;
    private readonly TimeProvider _timeProvider;
    private readonly ConversationMemoryOptions _options;

    /// <param name="tokenEstimator">Characters → tokens; a local estimator such as <see cref="CalibratedTokenEstimator"/> (called once per prepare).</param>
    public ConversationMemory(IConversationStore store, ITokenEstimator tokenEstimator, TimeProvider timeProvider, ConversationMemoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tokenEstimator);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new ConversationMemoryOptions();
        options.Validate();
        _store = store;
        _estimator = tokenEstimator;
        _timeProvider = timeProvider;
        _options = options;
    }

    /// <summary>
    /// The messages to send for this turn. Throws <see cref="ArgumentException"/> naming the field for a bad owner,
    /// conversationId, message list or budget, and <see cref="ConversationTurnTooLargeException"/> when the new
    /// messages could not be stored — before the model is called.
    /// </summary>
    /// <param name="owner">The authenticated caller; conversations are looked up under it only.</param>
    /// <param name="newMessages">The caller's messages: a user message first and last (the reply completes the turn).</param>
    public ValueTask<PreparedTurn> PrepareAsync(string owner, string conversationId, IReadOnlyList<Message> newMessages, ConversationBudget budget, CancellationToken cancellationToken)
        => PrepareAsync(owner, conversationId, newMessages, budget, _options.Summarizer, cancellationToken);

    /// <summary>
    /// The same, with this request's own summarizer in place of <see cref="ConversationMemoryOptions.Summarizer"/>
    /// (a function that summarises with a Bedrock call gated by the caller's quota needs the request's caller and
    /// deadline); null for no summary.
    /// </summary>
    public async ValueTask<PreparedTurn> PrepareAsync(string owner, string conversationId, IReadOnlyList<Message> newMessages, ConversationBudget budget,
        ConversationSummarizer? summarizer, CancellationToken cancellationToken)
    {
        var key = new ConversationKey(owner, conversationId);
        ValidateBudget(budget);
        var ownMessages = NewMessages.ValidateAndCopy(newMessages);
        var history = await _store.LoadAsync(key, _options.MaxTurnsLoaded, cancellationToken).ConfigureAwait(false);

        var costs = await CostsAsync(history.Turns, ownMessages, budget.ModelId, cancellationToken).ConfigureAwait(false);
        var answersTool = NewMessages.AnswersTool(ownMessages[0]);
        var start = TurnWindow.Start(costs.Turns, costs.NewMessages, budget.MaxInputTokens, answersTool);

        string? summary = null;
        var summaryTokens = 0L;
        if (start > 0 && summarizer is not null)
        {
            // Keep the summary's share free; if no summary comes back, the full budget goes to history again.
            var reserved = TurnWindow.Start(costs.Turns, costs.NewMessages, budget.MaxInputTokens - _options.SummaryMaxTokens, answersTool);
            var dropped = history.Turns.Take(reserved).ToList();
            var text = await summarizer(new SummaryRequest(key, dropped, budget.ModelId, _options.SummaryMaxTokens), cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(text))
            {
                summary = text.Trim();
                summaryTokens = costs.Tokens(_options.SummaryPreamble.Length + 1 + summary.Length);
                start = reserved;
            }
        }

        var messages = new List<Message>();
        foreach (var turn in history.Turns.Skip(start))
        {
            messages.AddRange(turn.Messages);
        }

        messages.AddRange(ownMessages);
        if (summary is not null)
        {
            messages[0] = WithSummary(messages[0], summary);
        }

        var estimated = costs.NewMessages + summaryTokens + costs.Turns.Skip(start).Sum(t => t.Tokens);
        return new PreparedTurn(key, history.Version, budget.ModelId, ownMessages, messages)
        {
            TurnsSent = history.Turns.Count - start,
            TurnsDropped = start,
            Summary = summary,
            EstimatedTokens = estimated,
            OverBudget = estimated > budget.MaxInputTokens,
        };
    }

    /// <summary>
    /// Stores the turn (the prepared new messages and <paramref name="assistantMessage"/>) and returns the
    /// conversation's new version. Throws <see cref="ConversationConflictException"/> when another turn was committed
    /// since <paramref name="prepared"/> was loaded; nothing is stored then.
    /// </summary>
    public async ValueTask<long> CommitAsync(PreparedTurn prepared, Message assistantMessage, TokenUsage? usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(assistantMessage);
        if (assistantMessage.Role != ConversationRole.Assistant)
        {
            throw new ArgumentException($"assistantMessage.role must be '{ConversationRole.Assistant}' (was '{assistantMessage.Role}').", nameof(assistantMessage));
        }

        if (assistantMessage.Content is not { Count: > 0 })
        {
            throw new ArgumentException("assistantMessage.content must not be empty: Converse rejects an empty message when the history is sent back.", nameof(assistantMessage));
        }

        var turn = new ConversationTurn([.. prepared.NewMessages, assistantMessage], _timeProvider.GetUtcNow(), TurnUsage.From(usage));
        await _store.AppendTurnAsync(prepared.Key, turn, prepared.ExpectedVersion, cancellationToken).ConfigureAwait(false);
        return prepared.ExpectedVersion + 1;
    }

    private static void ValidateBudget(ConversationBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        if (string.IsNullOrWhiteSpace(budget.ModelId))
        {
            throw new ArgumentException("budget.ModelId must not be empty.", nameof(budget));
        }

        if (budget.MaxInputTokens < 1)
        {
            throw new ArgumentException($"budget.MaxInputTokens must be positive (was {budget.MaxInputTokens}).", nameof(budget));
        }
    }

    /// <summary>
    /// Tokens per turn from ONE estimate over all characters, shared out by each turn's characters: exact for a
    /// per-character estimator, and one call even if the estimator is remote.
    /// </summary>
    private async ValueTask<Costs> CostsAsync(IReadOnlyList<ConversationTurn> turns, IReadOnlyList<Message> newMessages, string modelId, CancellationToken cancellationToken)
    {
        var turnCharacters = turns.Select(t => MessageCharacters.Count(t.Messages)).ToList();
        var newCharacters = MessageCharacters.Count(newMessages);
        var totalCharacters = turnCharacters.Sum() + newCharacters;
        var totalTokens = await _estimator.EstimateInputTokensAsync(new TokenEstimateRequest(modelId, totalCharacters), cancellationToken).ConfigureAwait(false);
        var ratio = totalCharacters == 0 ? 0 : (double)totalTokens / totalCharacters;
        long Tokens(long characters) => (long)Math.Ceiling(characters * ratio);
        var costs = turns.Select((t, i) => new TurnWindow.TurnCost(Tokens(turnCharacters[i]), NewMessages.AnswersTool(t.Messages[0]))).ToList();
        return new Costs(costs, Tokens(newCharacters), ratio);
    }

    /// <summary>A copy of the first message with the summary as its first block (the message itself may be the caller's).</summary>
    private Message WithSummary(Message first, string summary) => new()
    {
        Role = first.Role,
        Content = [ContentBlock.FromText($"{_options.SummaryPreamble}\n{summary}"), .. first.Content],
    };

    private sealed record Costs(IReadOnlyList<TurnWindow.TurnCost> Turns, long NewMessages, double Ratio)
    {
        public long Tokens(long characters) => (long)Math.Ceiling(characters * Ratio);
    }
}
