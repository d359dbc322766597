namespace Serverless.Conversations.Storage;

/// <summary>How long a stored turn lives.</summary>
public sealed class ConversationStoreOptions
{
    /// <summary>
    /// Each turn is deleted this long after it was written (DynamoDB TTL), so an idle conversation disappears one
    /// retention after its last turn and an active one loses its oldest turns first. Default 30 days.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    internal void Validate()
    {
        if (Retention <= TimeSpan.Zero)
        {
            throw new ArgumentException($"ConversationStoreOptions.Retention must be positive (was {Retention}).", nameof(Retention));
        }
    }
}
