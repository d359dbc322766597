namespace Serverless.Quota;

/// <summary>The ledger's answer: admitted with a reservation to settle, or refused with when to try again.</summary>
public sealed class QuotaDecision
{
    private QuotaDecision(QuotaReservation? reservation, TimeSpan retryAfter, QuotaLimitKind? refusedBy, string? refusedScope, bool storeUnavailable, string? reason)
    {
        Reservation = reservation;
        RetryAfter = retryAfter;
        RefusedBy = refusedBy;
        RefusedScope = refusedScope;
        StoreUnavailable = storeUnavailable;
        Reason = reason;
    }

    public bool Admitted => Reservation is not null;

    public QuotaReservation? Reservation { get; }

    /// <summary>When refused: the time until the refusing limit has room for this request (the HTTP Retry-After).</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>The limit that refused; null when admitted or when the ledger could not decide (<see cref="StoreUnavailable"/>).</summary>
    public QuotaLimitKind? RefusedBy { get; }

    /// <summary>When refused: the scope whose limit refused (the model or profile id, or "model#caller").</summary>
    public string? RefusedScope { get; }

    /// <summary>
    /// True when the store could not answer in time (or stayed contended past the attempt budget): refused under
    /// fail-closed (an HTTP 503 rather than 429), or admitted without a recorded reservation under fail-open.
    /// </summary>
    public bool StoreUnavailable { get; }

    /// <summary>True when the item stayed contended past the attempt budget (a wait in line retries it; an unreachable store it does not).</summary>
    internal bool Contended { get; private init; }

    /// <summary>A sentence for logs and error bodies saying why the request was refused (or admitted unrecorded).</summary>
    public string? Reason { get; }

    public static QuotaDecision Admit(QuotaReservation reservation) => new(reservation, TimeSpan.Zero, null, null, false, null);

    public static QuotaDecision Refuse(QuotaLimitKind refusedBy, string scope, TimeSpan retryAfter)
        => new(null, retryAfter, refusedBy, scope, false, $"{Describe(refusedBy)} of '{scope}' has no room for this request; room returns in {retryAfter.TotalSeconds:0.###} s.");

    /// <summary>Fail-closed: the store did not answer; <paramref name="reason"/> says why.</summary>
    public static QuotaDecision Unavailable(string scope, TimeSpan retryAfter, string reason) => new(null, retryAfter, null, scope, true, reason);

    internal static QuotaDecision Contention(string scope, TimeSpan retryAfter)
        => new(null, retryAfter, null, scope, true, $"The ledger item of '{scope}' changed under every attempt (contention); try again.") { Contended = true };

    /// <summary>Fail-open: admitted although the store did not answer; the reservation is not recorded.</summary>
    public static QuotaDecision AdmitUnrecorded(QuotaReservation reservation, string reason) => new(reservation, TimeSpan.Zero, null, null, true, reason);

    private static string Describe(QuotaLimitKind kind) => kind switch
    {
        QuotaLimitKind.RequestsPerMinute => "The requests-per-minute quota",
        QuotaLimitKind.TokensPerMinute => "The tokens-per-minute quota",
        _ => "The concurrent-requests quota",
    };
}

/// <summary>Which limit refused a request.</summary>
public enum QuotaLimitKind
{
    RequestsPerMinute,
    TokensPerMinute,
    ConcurrentRequests,
}
