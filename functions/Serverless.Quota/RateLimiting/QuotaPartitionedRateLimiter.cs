using System.Threading.RateLimiting;

namespace Serverless.Quota.RateLimiting;

/// <summary>
/// The ledger as a <see cref="PartitionedRateLimiter{TResource}"/> (ASP.NET Core rate limiting, Polly): each
/// resource maps to a <see cref="QuotaRequest"/> (model, tokens, caller), one permit = one request.
/// <para><see cref="RateLimiter.AcquireAsync"/> is the real entry point: it asks the ledger (waiting in line up to
/// <c>maxWait</c> when given). <see cref="PartitionedRateLimiter{TResource}.AttemptAcquire(TResource, int)"/> must not
/// block on I/O: it answers only when the store answers synchronously (the in-memory store); otherwise it returns a
/// failed lease whose reason says to use AcquireAsync, and settles in the background whatever the started decision
/// admitted.</para>
/// </summary>
public sealed class QuotaPartitionedRateLimiter<TResource> : PartitionedRateLimiter<TResource>
{
    private const string AsyncOnly = "The quota store answers asynchronously; use AcquireAsync.";

    private readonly IQuotaLedger _ledger;
    private readonly Func<TResource, QuotaRequest> _toRequest;
    private readonly TimeSpan _maxWait;
    private long _successful;
    private long _failed;

    /// <param name="maxWait">How long AcquireAsync waits in line for capacity (zero: answer at once).</param>
    public QuotaPartitionedRateLimiter(IQuotaLedger ledger, Func<TResource, QuotaRequest> toRequest, TimeSpan maxWait = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(toRequest);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWait, TimeSpan.Zero);
        _ledger = ledger;
        _toRequest = toRequest;
        _maxWait = maxWait;
    }

    public override RateLimiterStatistics? GetStatistics(TResource resource) => new()
    {
        TotalSuccessfulLeases = Interlocked.Read(ref _successful),
        TotalFailedLeases = Interlocked.Read(ref _failed),
    };

    protected override RateLimitLease AttemptAcquireCore(TResource resource, int permitCount)
    {
        CheckPermits(permitCount);
        var pending = _ledger.TryReserveAsync(_toRequest(resource), CancellationToken.None);
        if (pending.IsCompletedSuccessfully)
        {
            return Count(QuotaRateLimitLease.From(_ledger, pending.Result));
        }

        _ = ReleaseLateAsync(pending);
        Interlocked.Increment(ref _failed);
        return QuotaRateLimitLease.Pending(AsyncOnly);
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(TResource resource, int permitCount, CancellationToken cancellationToken)
    {
        CheckPermits(permitCount);
        var request = _toRequest(resource);
        var decision = _maxWait > TimeSpan.Zero
            ? await _ledger.ReserveAsync(request, _maxWait, cancellationToken)
            : await _ledger.TryReserveAsync(request, cancellationToken);
        return Count(QuotaRateLimitLease.From(_ledger, decision));
    }

    private static void CheckPermits(int permitCount)
    {
        // One permit is one request: its tokens come from the QuotaRequest, not from the permit count.
        if (permitCount != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "The quota limiter takes exactly 1 permit per acquisition (one Bedrock request); tokens come from the QuotaRequest.");
        }
    }

    private QuotaRateLimitLease Count(QuotaRateLimitLease lease)
    {
        Interlocked.Increment(ref lease.IsAcquired ? ref _successful : ref _failed);
        return lease;
    }

    private async Task ReleaseLateAsync(ValueTask<QuotaDecision> pending)
    {
        try
        {
            var decision = await pending;
            if (decision.Reservation is { } reservation)
            {
                await _ledger.SettleAsync(reservation, new ActualUsage(0, 0), CancellationToken.None);
            }
        }
        catch (Exception exception) when (exception is QuotaConfigurationException or ArgumentException or OperationCanceledException)
        {
            // Nothing was reserved.
        }
    }
}
