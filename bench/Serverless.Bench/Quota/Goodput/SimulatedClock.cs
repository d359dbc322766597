namespace Serverless.Bench.Quota.Goodput;

/// <summary>
/// Simulated time shared by the local Bedrock, the ledger and the callers: it moves only when the driver calls
/// <see cref="AdvanceTo"/>, and timers due by then fire in due order. Unlike the tests' ManualTimeProvider it keeps
/// timers in a priority queue (tens of thousands of simulated waits stay cheap) and hands out <see cref="View"/>s
/// that count their armed timers, which is how the driver knows a component is parked on simulated time.
/// </summary>
public sealed class SimulatedClock
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<SimulatedTimer, (DateTimeOffset DueAt, long Sequence)> _queue = new();
    private readonly DateTimeOffset _start;
    private DateTimeOffset _now;
    private long _sequence;

    public SimulatedClock(DateTimeOffset start)
    {
        _start = start;
        _now = start;
    }

    public DateTimeOffset Now
    {
        get
        {
            lock (_gate)
            {
                return _now;
            }
        }
    }

    public TimeSpan Elapsed => Now - _start;

    /// <summary>When the earliest armed timer is due, or null when none is armed.</summary>
    public DateTimeOffset? NextDueAt
    {
        get
        {
            lock (_gate)
            {
                while (_queue.TryPeek(out var timer, out var key))
                {
                    if (timer.IsArmedFor(key.Sequence))
                    {
                        return key.DueAt;
                    }

                    _queue.Dequeue();
                }

                return null;
            }
        }
    }

    /// <summary>A TimeProvider on this clock; with <paramref name="onArmedChanged"/> it counts the timers it has armed.</summary>
    public View CreateView(Action? onArmedChanged = null) => new(this, onArmedChanged);

    /// <summary>
    /// Moves the clock to <paramref name="target"/> and fires every timer due by then, in due order but all with the
    /// clock at <paramref name="target"/>: the driver's steps are the simulation's resolution, and every component sees
    /// only step times. Callbacks run on the caller's thread (the driver), outside the lock.
    /// </summary>
    public void AdvanceTo(DateTimeOffset target)
    {
        lock (_gate)
        {
            if (target > _now)
            {
                _now = target;
            }
        }

        while (true)
        {
            SimulatedTimer? due = null;
            lock (_gate)
            {
                while (_queue.TryPeek(out var timer, out var key) && key.DueAt <= target)
                {
                    _queue.Dequeue();
                    if (!timer.IsArmedFor(key.Sequence))
                    {
                        continue;
                    }

                    due = timer;
                    timer.FiredLocked(this);
                    break;
                }

                if (due is null)
                {
                    return;
                }
            }

            due.Fire();
        }
    }

    private void ScheduleLocked(SimulatedTimer timer, DateTimeOffset dueAt)
    {
        var sequence = ++_sequence;
        timer.ArmLocked(sequence);
        _queue.Enqueue(timer, (dueAt, sequence));
    }

    /// <summary>A TimeProvider face of the clock; <see cref="ArmedTimers"/> counts the one-shot or periodic timers it armed that have not fired or been stopped.</summary>
    public sealed class View : TimeProvider
    {
        private readonly SimulatedClock _clock;
        private readonly Action? _onArmedChanged;
        private int _armed;

        internal View(SimulatedClock clock, Action? onArmedChanged)
        {
            _clock = clock;
            _onArmedChanged = onArmedChanged;
        }

        public int ArmedTimers => Volatile.Read(ref _armed);

        public SimulatedClock Clock => _clock;

        public override DateTimeOffset GetUtcNow() => _clock.Now;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _clock.Now.UtcTicks;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new SimulatedTimer(this, callback, state);
            timer.Change(dueTime, period);
            return timer;
        }

        internal void ArmedChanged(int delta)
        {
            Interlocked.Add(ref _armed, delta);
            _onArmedChanged?.Invoke();
        }

        internal void ScheduleLocked(SimulatedTimer timer, DateTimeOffset dueAt) => _clock.ScheduleLocked(timer, dueAt);

        internal Lock Gate => _clock._gate;

        internal DateTimeOffset NowLocked => _clock._now;
    }

    internal sealed class SimulatedTimer(View view, TimerCallback callback, object? state) : ITimer
    {
        private long _sequence;
        private TimeSpan _period;
        private bool _armed;
        private bool _disposed;

        public bool IsArmedFor(long sequence) => _armed && _sequence == sequence;

        public void ArmLocked(long sequence) => _sequence = sequence;

        /// <summary>Under the clock's lock: the timer is leaving the queue to fire; periodic timers re-arm.</summary>
        public void FiredLocked(SimulatedClock clock)
        {
            if (_period > TimeSpan.Zero)
            {
                clock.ScheduleLocked(this, clock._now + _period);
                return;
            }

            _armed = false;
            _sequence = 0;
            view.ArmedChanged(-1);
        }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var delta = 0;
            lock (view.Gate)
            {
                if (_disposed)
                {
                    return false;
                }

                _period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                var wasArmed = _armed;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    _armed = false;
                    _sequence = 0;
                }
                else
                {
                    _armed = true;
                    view.ScheduleLocked(this, view.NowLocked + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime));
                }

                delta = (_armed ? 1 : 0) - (wasArmed ? 1 : 0);
            }

            if (delta != 0)
            {
                view.ArmedChanged(delta);
            }

            return true;
        }

        public void Dispose()
        {
            bool wasArmed;
            lock (view.Gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                wasArmed = _armed;
                _armed = false;
                _sequence = 0;
            }

            if (wasArmed)
            {
                view.ArmedChanged(-1);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
