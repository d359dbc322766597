namespace Serverless.Quota.Ledger;

/// <summary>One decision's (or settlement's) clock reading, deadline and store-call count.</summary>
internal sealed class DecisionContext(DateTimeOffset now, DateTimeOffset deadline, CancellationToken cancellationToken)
{
    public DateTimeOffset Now { get; } = now;

    /// <summary>When the store must have answered every call of this decision; <see cref="DateTimeOffset.MaxValue"/> for no ledger deadline.</summary>
    public DateTimeOffset Deadline { get; } = deadline;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public int StoreCalls { get; set; }
}
