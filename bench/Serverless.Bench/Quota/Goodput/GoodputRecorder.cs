namespace Serverless.Bench.Quota.Goodput;

/// <summary>What one caller path saw, request by request; thread-safe (requests finish on pool threads).</summary>
public sealed class GoodputRecorder
{
    private readonly Lock _gate = new();
    private readonly List<Completion> _completions = [];
    private long _bedrockCalls;
    private long _throttlesSeen;
    private long _otherErrors;
    private long _gaveUp;

    public void BedrockCalled() => Interlocked.Increment(ref _bedrockCalls);

    public void Throttled() => Interlocked.Increment(ref _throttlesSeen);

    public void Failed() => Interlocked.Increment(ref _otherErrors);

    public void GaveUp() => Interlocked.Increment(ref _gaveUp);

    /// <param name="tokens">What Bedrock's window keeps for the call: input + output × burndown.</param>
    /// <param name="reservedTokens">What the ledger reserved for the call until it was settled; null without a ledger.</param>
    public void Completed(SimulatedRequest request, TimeSpan admittedAt, TimeSpan completedAt, long tokens, int outputTokens, long? reservedTokens = null)
    {
        lock (_gate)
        {
            _completions.Add(new Completion(request.ArrivesAt, admittedAt, completedAt, tokens, outputTokens, request.MaxTokens, reservedTokens));
        }
    }

    public long BedrockCalls => Interlocked.Read(ref _bedrockCalls);

    public long ThrottlesSeen => Interlocked.Read(ref _throttlesSeen);

    public long OtherErrors => Interlocked.Read(ref _otherErrors);

    public long GaveUpCount => Interlocked.Read(ref _gaveUp);

    public IReadOnlyList<Completion> Completions()
    {
        lock (_gate)
        {
            return [.. _completions];
        }
    }

    /// <summary>A call Bedrock answered: arrival, admission (the successful send) and answer times from the start of the run.</summary>
    public readonly record struct Completion(TimeSpan ArrivedAt, TimeSpan AdmittedAt, TimeSpan CompletedAt, long Tokens, int OutputTokens, int MaxTokens, long? ReservedTokens)
    {
        public TimeSpan QueueingDelay => AdmittedAt - ArrivedAt;
    }
}
