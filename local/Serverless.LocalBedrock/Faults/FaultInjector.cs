using Serverless.LocalBedrock.Configuration;

namespace Serverless.LocalBedrock.Faults;

/// <summary>
/// Decides, per request, which configured faults strike. The dice come from a Random seeded with the settings'
/// seed, so a given sequence of requests meets the same faults on every run. Faults live in
/// <see cref="LocalBedrockSettings.Faults"/> and may be changed while the server runs.
/// </summary>
public sealed class FaultInjector
{
    public const string AllOperations = "*";

    private readonly LocalBedrockSettings _settings;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Random _random;
    private readonly Dictionary<string, long> _injected = new(StringComparer.Ordinal);

    public FaultInjector(LocalBedrockSettings settings, TimeProvider time)
    {
        _settings = settings;
        _time = time;
        _random = new Random(settings.Seed);
    }

    /// <summary>Sets (replaces) the faults of one operation, or of all with <see cref="AllOperations"/>.</summary>
    public void Set(string operation, FaultSettings faults)
    {
        Validate(operation, faults);
        lock (_gate)
        {
            _settings.Faults[operation] = faults;
        }
    }

    /// <summary>Replaces every fault at once.</summary>
    public void Replace(IReadOnlyDictionary<string, FaultSettings> faults)
    {
        foreach (var (operation, settings) in faults)
        {
            Validate(operation, settings);
        }

        lock (_gate)
        {
            _settings.Faults.Clear();
            foreach (var (operation, settings) in faults)
            {
                _settings.Faults[operation] = settings;
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _settings.Faults.Clear();
        }
    }

    /// <summary>How many faults were injected, per "operation:kind".</summary>
    public IReadOnlyDictionary<string, long> Injected()
    {
        lock (_gate)
        {
            return new SortedDictionary<string, long>(_injected, StringComparer.Ordinal);
        }
    }

    /// <summary>Rolls the dice for one request of <paramref name="operation"/>.</summary>
    public FaultPlan Plan(string operation)
    {
        lock (_gate)
        {
            var faults = Find(operation);
            if (faults is null)
            {
                return FaultPlan.None;
            }

            var slow = TimeSpan.FromMilliseconds(Math.Max(0, faults.SlowFirstByteMs));
            string? error = null;
            if (faults.ThrottleNextRequests > 0)
            {
                faults.ThrottleNextRequests--;
                error = "ThrottlingException";
            }
            else if (faults.ThrottleUntil is { } until && _time.GetUtcNow() < until)
            {
                error = "ThrottlingException";
            }
            else if (faults.ErrorRate > 0 && _random.NextDouble() < faults.ErrorRate)
            {
                error = faults.ErrorKind;
            }

            if (error is not null)
            {
                Count(operation, error);
            }

            // Only streaming operations (…Stream) can be cut; a "*" entry must not count cuts for the others.
            var cut = operation.EndsWith("Stream", StringComparison.Ordinal) ? faults.StreamCutAfterEvents : null;
            if (cut is not null)
            {
                Count(operation, "streamCut:" + faults.StreamCutKind);
            }

            return new FaultPlan(slow, error, cut, faults.StreamCutKind);
        }
    }

    private FaultSettings? Find(string operation)
        => _settings.Faults.TryGetValue(operation, out var specific) ? specific
            : _settings.Faults.TryGetValue(AllOperations, out var all) ? all
            : null;

    private void Count(string operation, string kind)
    {
        var key = operation + ":" + kind;
        _injected[key] = _injected.GetValueOrDefault(key) + 1;
    }

    private static void Validate(string operation, FaultSettings faults)
    {
        if (!RuntimeErrors.IsKnown(faults.ErrorKind))
        {
            throw new ArgumentException($"Fault errorKind '{faults.ErrorKind}' for {operation} is not one of: {string.Join(", ", RuntimeErrors.Names)}.", nameof(faults));
        }

        if (faults.StreamCutKind is not (StreamCutKinds.ModelStreamError or StreamCutKinds.Throttling or StreamCutKinds.Abort))
        {
            throw new ArgumentException($"Fault streamCutKind '{faults.StreamCutKind}' for {operation} is not one of: modelStreamErrorException, throttlingException, abort.", nameof(faults));
        }

        if (faults.ErrorRate is < 0 or > 1)
        {
            throw new ArgumentException($"Fault errorRate for {operation} must be between 0 and 1.", nameof(faults));
        }
    }
}

/// <summary>The faults that strike one request.</summary>
public sealed record FaultPlan(TimeSpan SlowFirstByte, string? Error, int? StreamCutAfterEvents, string StreamCutKind)
{
    public static FaultPlan None { get; } = new(TimeSpan.Zero, null, null, StreamCutKinds.ModelStreamError);
}
