using System.Threading.RateLimiting;

namespace Serverless.Quota.RateLimiting;

/// <summary>
/// A lease from the ledger's rate limiters. Acquired: holds a <see cref="QuotaReservation"/>; disposing it settles
/// the reservation (releasing the concurrency slot) with the usage given to <see cref="SetActualUsage"/>, or as
/// reserved when none was given. Refused: carries <see cref="MetadataName.RetryAfter"/> and
/// <see cref="MetadataName.ReasonPhrase"/>.
/// </summary>
public sealed class QuotaRateLimitLease : RateLimitLease
{
    private readonly IQuotaLedger? _ledger;
    private ActualUsage? _usage;
    private int _settled;

    private QuotaRateLimitLease(IQuotaLedger? ledger, QuotaDecision decision)
    {
        _ledger = ledger;
        Decision = decision;
    }

    public QuotaDecision Decision { get; }

    public QuotaReservation? Reservation => Decision.Reservation;

    public override bool IsAcquired => Decision.Admitted;

    public override IEnumerable<string> MetadataNames => IsAcquired ? [] : [MetadataName.RetryAfter.Name, MetadataName.ReasonPhrase.Name];

    /// <summary>The usage Bedrock reported; the lease settles with it when disposed.</summary>
    public void SetActualUsage(ActualUsage usage) => _usage = usage;

    /// <summary>Settles now (awaitable) with the given usage; disposing afterwards does nothing more.</summary>
    public ValueTask SettleAsync(ActualUsage usage, CancellationToken cancellationToken)
    {
        if (_ledger is null || Reservation is null || Interlocked.Exchange(ref _settled, 1) == 1)
        {
            return ValueTask.CompletedTask;
        }

        return _ledger.SettleAsync(Reservation, usage, cancellationToken);
    }

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (!IsAcquired && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = Decision.RetryAfter;
            return true;
        }

        if (!IsAcquired && metadataName == MetadataName.ReasonPhrase.Name)
        {
            metadata = Decision.Reason;
            return true;
        }

        metadata = null;
        return false;
    }

    internal static QuotaRateLimitLease From(IQuotaLedger ledger, QuotaDecision decision) => new(ledger, decision);

    internal static QuotaRateLimitLease Pending(string reason) => new(null, QuotaDecision.Unavailable("", TimeSpan.Zero, reason));

    protected override void Dispose(bool disposing)
    {
        if (!disposing || Reservation is not { } reservation)
        {
            return;
        }

        // Settled as reserved unless told otherwise: that gives back nothing but releases the lease.
        var usage = _usage ?? new ActualUsage(reservation.ReservedTokens, 0);
        var pending = SettleAsync(usage, CancellationToken.None);
        if (!pending.IsCompletedSuccessfully)
        {
            // Dispose cannot wait; the ledger never throws for store failures, and an unsettled hold expires by itself.
            _ = pending.AsTask().ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }
}
