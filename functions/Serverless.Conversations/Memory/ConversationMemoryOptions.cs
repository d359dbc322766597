namespace Serverless.Conversations.Memory;

/// <summary>How <see cref="ConversationMemory"/> loads and trims history.</summary>
public sealed class ConversationMemoryOptions
{
    /// <summary>The newest turns loaded per request; older ones are never sent (nor summarised). Default 200.</summary>
    public int MaxTurnsLoaded { get; set; } = 200;

    /// <summary>When set, turns dropped for the budget are summarised and the summary is sent ahead of the history.</summary>
    public ConversationSummarizer? Summarizer { get; set; }

    /// <summary>The budget share kept for the summary when turns are dropped. Default 512 tokens.</summary>
    public int SummaryMaxTokens { get; set; } = 512;

    /// <summary>Put before the summary text in the first message sent, so the model reads it as context, not as the user's words.</summary>
    public string SummaryPreamble { get; set; } = "Summary of the earlier part of this conversation (older messages are not shown):";

    internal void Validate()
    {
        if (MaxTurnsLoaded is < 1 or > ConversationLimits.MaxTurnsPerLoad)
        {
            throw new ArgumentException($"ConversationMemoryOptions.MaxTurnsLoaded must be between 1 and {ConversationLimits.MaxTurnsPerLoad} (was {MaxTurnsLoaded}).", nameof(MaxTurnsLoaded));
        }

        if (SummaryMaxTokens < 1)
        {
            throw new ArgumentException($"ConversationMemoryOptions.SummaryMaxTokens must be positive (was {SummaryMaxTokens}).", nameof(SummaryMaxTokens));
        }

        ArgumentNullException.ThrowIfNull(SummaryPreamble, nameof(SummaryPreamble));
    }
}
