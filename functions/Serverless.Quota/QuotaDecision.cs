namespace Serverless.Quota;

/// <summary>The ledger's answer: admitted with a reservation to settle, or refused with when to try again.</summary>
public sealed class QuotaDecision
{
    private QuotaDecision(QuotaReservation? reservation, TimeSpan retryAfter, QuotaLimitKind? refusedBy, string? refusedScope)
    {
        Reservation = reservation;
        RetryAfter = retryAfter;
        RefusedBy = refusedBy;
        RefusedScope = refusedScope;
    }

    public bool Admitted => Reservation is not null;

    public QuotaReservation? Reservation { get; }

    /// <summary>When refused: the time until the refusing limit has room for this request (the HTTP Retry-After).</summary>
    public TimeSpan RetryAfter { get; }

    public QuotaLimitKind? RefusedBy { get; }

    /// <summary>When refused: the scope whose limit refused (the model or profile id, or "model#caller").</summary>
    public string? RefusedScope { get; }

    public static QuotaDecision Admit(QuotaReservation reservation) => new(reservation, TimeSpan.Zero, null, null);

    public static QuotaDecision Refuse(QuotaLimitKind refusedBy, string scope, TimeSpan retryAfter) => new(null, retryAfter, refusedBy, scope);
}

/// <summary>Which limit refused a request.</summary>
public enum QuotaLimitKind
{
    RequestsPerMinute,
    TokensPerMinute,
    ConcurrentRequests,
}
