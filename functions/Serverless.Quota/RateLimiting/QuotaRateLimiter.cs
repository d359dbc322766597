using System.Threading.RateLimiting;

namespace Serverless.Quota.RateLimiting;

/// <summary>
/// A <see cref="RateLimiter"/> for one kind of call to one model (one <see cref="QuotaRequest"/> shape), e.g. a
/// Polly rate-limiter strategy around a Bedrock client. Same acquisition rules as
/// <see cref="QuotaPartitionedRateLimiter{TResource}"/>.
/// </summary>
public sealed class QuotaRateLimiter : RateLimiter
{
    private readonly QuotaPartitionedRateLimiter<QuotaRequest> _inner;
    private readonly Func<QuotaRequest> _request;

    public QuotaRateLimiter(IQuotaLedger ledger, Func<QuotaRequest> request, TimeSpan maxWait = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        _request = request;
        _inner = new QuotaPartitionedRateLimiter<QuotaRequest>(ledger, static r => r, maxWait);
    }

    public QuotaRateLimiter(IQuotaLedger ledger, QuotaRequest request, TimeSpan maxWait = default)
        : this(ledger, () => request, maxWait)
    {
        ArgumentNullException.ThrowIfNull(request);
    }

    /// <summary>Never idle: the ledger's state lives in the store, not in this object.</summary>
    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => _inner.GetStatistics(_request());

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => _inner.AttemptAcquire(_request(), permitCount);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        => _inner.AcquireAsync(_request(), permitCount, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
