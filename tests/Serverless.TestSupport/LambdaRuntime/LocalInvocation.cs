using System.Threading.Channels;

namespace Serverless.TestSupport;

/// <summary>One queued event and what became of it.</summary>
public sealed class LocalInvocation
{
    private readonly TaskCompletionSource<InvocationOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<byte[]> _streamed = Channel.CreateUnbounded<byte[]>();
    private int _state; // 0 queued, 1 delivered, 2 answered

    internal LocalInvocation(string requestId, byte[] payload, LocalInvocationOptions options)
    {
        RequestId = requestId;
        Payload = payload;
        Options = options;
    }

    public string RequestId { get; }

    public byte[] Payload { get; }

    public LocalInvocationOptions Options { get; }

    /// <summary>Set when the runtime took the event from /next.</summary>
    public DateTimeOffset? Deadline { get; internal set; }

    /// <summary>Completes when the runtime posts the response (the whole stream, for a streamed one) or the error.</summary>
    public Task<InvocationOutcome> Outcome => _outcome.Task;

    /// <summary>A streamed response's body, piece by piece as it arrives (before <see cref="Outcome"/> completes).</summary>
    public ChannelReader<byte[]> StreamedBody => _streamed.Reader;

    internal bool IsAnswered => Volatile.Read(ref _state) == 2;

    internal void MarkDelivered() => Interlocked.CompareExchange(ref _state, 1, 0);

    /// <summary>Claims the right to answer; false when an answer already came (Lambda's 'response already sent').</summary>
    internal bool TryClaimAnswer() => Interlocked.Exchange(ref _state, 2) != 2;

    internal ValueTask StreamAsync(byte[] piece, CancellationToken ct) => _streamed.Writer.WriteAsync(piece, ct);

    internal void Complete(InvocationOutcome outcome)
    {
        _streamed.Writer.TryComplete();
        _outcome.TrySetResult(outcome);
    }

    internal void Fail(Exception error)
    {
        _streamed.Writer.TryComplete(error);
        _outcome.TrySetException(error);
    }
}
