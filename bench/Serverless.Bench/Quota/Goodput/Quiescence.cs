namespace Serverless.Bench.Quota.Goodput;

/// <summary>
/// Tells the driver when every simulated request is parked on simulated time, so the clock may move. Real work
/// (HTTP on loopback, JSON, the ledger's store) finishes in real time between two clock steps; a request is parked
/// only while it awaits a caller delay (a timer of <see cref="Callers"/>) or while the local Bedrock holds its call in
/// the modelled latency (a timer of <see cref="Server"/>). Quiet means: every live request owns exactly one such timer
/// and every running server handler is one of those waiting. Without the handler count the clock could move while
/// the local Bedrock is still settling a call whose answer the caller already has.
/// </summary>
public sealed class Quiescence
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(60);

    private TaskCompletionSource _changed = NewSignal();
    private int _liveRequests;
    private int _serverHandlers;

    public Quiescence(SimulatedClock clock)
    {
        Callers = clock.CreateView(Changed);
        Server = clock.CreateView(Changed);
        Uncounted = clock.CreateView();
    }

    /// <summary>The callers' delays (retry waits, backoff): each live request arms at most one at a time.</summary>
    public SimulatedClock.View Callers { get; }

    /// <summary>The local Bedrock's clock: its only timers are the latency waits of calls it is answering.</summary>
    public SimulatedClock.View Server { get; }

    /// <summary>For components whose timers are not waits (the client's deadline) or that never wait (the ledger with TryReserve).</summary>
    public SimulatedClock.View Uncounted { get; }

    public int LiveRequests => Volatile.Read(ref _liveRequests);

    public void RequestStarted() => Interlocked.Increment(ref _liveRequests);

    public void RequestEnded()
    {
        Interlocked.Decrement(ref _liveRequests);
        Changed();
    }

    public void HandlerStarted() => Interlocked.Increment(ref _serverHandlers);

    public void HandlerEnded()
    {
        Interlocked.Decrement(ref _serverHandlers);
        Changed();
    }

    public bool IsQuiet
    {
        get
        {
            var serverWaits = Server.ArmedTimers;
            return Volatile.Read(ref _serverHandlers) == serverWaits
                && Volatile.Read(ref _liveRequests) == Callers.ArmedTimers + serverWaits;
        }
    }

    /// <summary>Waits (in real time) until <see cref="IsQuiet"/>; a watchdog turns an accounting bug into an error instead of a hang.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watchdog.CancelAfter(Watchdog);
        while (true)
        {
            var signal = Volatile.Read(ref _changed);
            if (IsQuiet)
            {
                return;
            }

            try
            {
                await signal.Task.WaitAsync(watchdog.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException(
                    $"The simulation never became quiet: {LiveRequests} live requests, {Callers.ArmedTimers} caller waits, "
                    + $"{Server.ArmedTimers} server waits, {Volatile.Read(ref _serverHandlers)} server handlers running.");
            }
        }
    }

    private void Changed() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
