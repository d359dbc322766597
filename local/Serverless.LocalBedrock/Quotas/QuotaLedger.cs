using Serverless.LocalBedrock.Configuration;

namespace Serverless.LocalBedrock.Quotas;

/// <summary>
/// Bedrock's on-demand quotas per model id (a base model and each of its inference profiles count separately):
/// requests per minute, tokens per minute, concurrent requests and tokens per day, over rolling windows read from
/// the injected clock. Tokens are RESERVED at admission (input + maxTokens) and SETTLED when the answer is done
/// (input + output × the model's burndown), which is why a large maxTokens throttles even short answers.
/// </summary>
public sealed class QuotaLedger
{
    public const string TooManyRequests = "Too many requests, please wait before trying again.";
    public const string TooManyTokens = "Too many tokens, please wait before trying again.";
    public const string TooManyTokensPerDay = "Too many tokens per day, please wait before trying again.";

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, BucketState> _buckets = new(StringComparer.Ordinal);

    public QuotaLedger(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Admits a request or says why not. A lease must be settled or disposed when the request ends.</summary>
    public QuotaDecision TryAdmit(string modelId, ModelSettings model, int inputTokens, int maxTokens)
    {
        var quota = model.Quota;
        var reserve = (long)inputTokens + maxTokens;
        lock (_gate)
        {
            var bucket = Bucket(modelId);
            var now = _time.GetUtcNow();
            bucket.Prune(now);
            string? refusal = null;
            if (quota.ConcurrentRequests is { } concurrency && bucket.InFlight >= concurrency)
            {
                bucket.ThrottledConcurrency++;
                refusal = TooManyRequests;
            }
            else if (quota.RequestsPerMinute is { } rpm && bucket.RequestsSince(now - Minute) >= rpm)
            {
                bucket.ThrottledRequests++;
                refusal = TooManyRequests;
            }
            else if (quota.TokensPerMinute is { } tpm && bucket.TokensSince(now - Minute) + reserve > tpm)
            {
                bucket.ThrottledTokens++;
                refusal = TooManyTokens;
            }
            else if (quota.TokensPerDay is { } tpd && bucket.TokensSince(now - Day) + reserve > tpd)
            {
                bucket.ThrottledDaily++;
                refusal = TooManyTokensPerDay;
            }

            if (refusal is not null)
            {
                return new QuotaDecision(null, refusal);
            }

            var charge = new TokenCharge(now, reserve);
            bucket.Requests.Enqueue(now);
            bucket.Charges.Add(charge);
            bucket.InFlight++;
            bucket.Admitted++;
            return new QuotaDecision(new QuotaLease(this, bucket, charge, inputTokens, Math.Max(1, model.OutputTokenBurndown)), null);
        }
    }

    public IReadOnlyDictionary<string, ModelQuotaStats> Snapshot()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var result = new SortedDictionary<string, ModelQuotaStats>(StringComparer.Ordinal);
            foreach (var (id, bucket) in _buckets)
            {
                bucket.Prune(now);
                result[id] = new ModelQuotaStats(
                    bucket.Admitted,
                    bucket.ThrottledRequests + bucket.ThrottledTokens + bucket.ThrottledConcurrency + bucket.ThrottledDaily,
                    bucket.ThrottledRequests,
                    bucket.ThrottledTokens,
                    bucket.ThrottledConcurrency,
                    bucket.ThrottledDaily,
                    bucket.InFlight,
                    bucket.RequestsSince(now - Minute),
                    bucket.TokensSince(now - Minute),
                    bucket.TokensSince(now - Day));
            }

            return result;
        }
    }

    /// <summary>Forgets all usage and counters (tests call this between cases).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _buckets.Clear();
        }
    }

    internal void Settle(BucketState bucket, TokenCharge charge, long amount, bool release)
    {
        lock (_gate)
        {
            charge.Amount = amount;
            if (release)
            {
                bucket.InFlight--;
            }
        }
    }

    private BucketState Bucket(string modelId)
    {
        if (!_buckets.TryGetValue(modelId, out var bucket))
        {
            bucket = new BucketState();
            _buckets[modelId] = bucket;
        }

        return bucket;
    }

    internal sealed class TokenCharge(DateTimeOffset at, long amount)
    {
        public DateTimeOffset At { get; } = at;

        public long Amount { get; set; } = amount;
    }

    internal sealed class BucketState
    {
        public Queue<DateTimeOffset> Requests { get; } = new();

        public List<TokenCharge> Charges { get; } = [];

        public int InFlight { get; set; }

        public long Admitted { get; set; }

        public long ThrottledRequests { get; set; }

        public long ThrottledTokens { get; set; }

        public long ThrottledConcurrency { get; set; }

        public long ThrottledDaily { get; set; }

        public void Prune(DateTimeOffset now)
        {
            while (Requests.Count > 0 && Requests.Peek() <= now - Minute)
            {
                Requests.Dequeue();
            }

            Charges.RemoveAll(c => c.At <= now - Day);
        }

        public int RequestsSince(DateTimeOffset since) => Requests.Count(at => at > since);

        public long TokensSince(DateTimeOffset since) => Charges.Where(c => c.At > since).Sum(c => c.Amount);
    }
}

/// <summary>Either a lease (admitted) or the throttling message.</summary>
public readonly record struct QuotaDecision(QuotaLease? Lease, string? ThrottleMessage);

/// <summary>
/// An admitted request's hold on the quota. <see cref="Settle"/> replaces the reservation with the real charge
/// (input + output × burndown); disposing without settling charges the input only (the request produced nothing).
/// </summary>
public sealed class QuotaLease : IDisposable
{
    private readonly QuotaLedger _ledger;
    private readonly QuotaLedger.BucketState _bucket;
    private readonly QuotaLedger.TokenCharge _charge;
    private readonly int _inputTokens;
    private readonly int _burndown;
    private int _done;

    internal QuotaLease(QuotaLedger ledger, QuotaLedger.BucketState bucket, QuotaLedger.TokenCharge charge, int inputTokens, int burndown)
    {
        _ledger = ledger;
        _bucket = bucket;
        _charge = charge;
        _inputTokens = inputTokens;
        _burndown = burndown;
    }

    public void Settle(int outputTokens)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            _ledger.Settle(_bucket, _charge, _inputTokens + ((long)outputTokens * _burndown), release: true);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            _ledger.Settle(_bucket, _charge, _inputTokens, release: true);
        }
    }
}

/// <summary>One model id's quota counters and current usage.</summary>
public sealed record ModelQuotaStats(
    long Admitted,
    long Throttled,
    long ThrottledRequestsPerMinute,
    long ThrottledTokensPerMinute,
    long ThrottledConcurrency,
    long ThrottledTokensPerDay,
    int InFlight,
    int RequestsLastMinute,
    long TokensLastMinute,
    long TokensLastDay);
