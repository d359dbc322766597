namespace Serverless.Quota.Tokens;

/// <summary>
/// Estimates input tokens from characters with a per-model tokens-per-character ratio learned from observed
/// (characters, actual tokens) pairs. Conservative, because an estimate too low lets a call use quota it did not
/// reserve: it uses the highest ratio among the recent observations (plus a margin), and starts from
/// <see cref="DefaultTokensPerCharacter"/> (0.5: two characters per token, well above English prose's ~0.25–0.3,
/// to cover code, JSON and non-Latin scripts) until it has seen enough. Thread-safe; state is per instance.
/// </summary>
public sealed class CalibratedTokenEstimator : ITokenEstimator
{
    public const double DefaultTokensPerCharacter = 0.5;

    private readonly Dictionary<string, ModelRatios> _models = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <param name="window">Recent observations per model the upper bound is taken over.</param>
    /// <param name="minimumObservations">Observations before the learned bound may go below the default.</param>
    /// <param name="margin">Added on top of the highest observed ratio (0.05 = 5%).</param>
    public CalibratedTokenEstimator(int window = 256, int minimumObservations = 8, double margin = 0.05, double defaultTokensPerCharacter = DefaultTokensPerCharacter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumObservations, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(defaultTokensPerCharacter);
        Window = window;
        MinimumObservations = minimumObservations;
        Margin = margin;
        DefaultRatio = defaultTokensPerCharacter;
    }

    public int Window { get; }

    public int MinimumObservations { get; }

    public double Margin { get; }

    public double DefaultRatio { get; }

    public ValueTask<long> EstimateInputTokensAsync(TokenEstimateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(request.Characters, nameof(request));
        return ValueTask.FromResult(Estimate(request.ModelId, request.Characters));
    }

    public long Estimate(string modelId, long characters)
        => characters == 0 ? 0 : Math.Max(1, (long)Math.Ceiling(characters * TokensPerCharacter(modelId)));

    /// <summary>The ratio estimates use now for this model.</summary>
    public double TokensPerCharacter(string modelId)
    {
        lock (_gate)
        {
            if (!_models.TryGetValue(modelId, out var ratios) || ratios.Count == 0)
            {
                return DefaultRatio;
            }

            var learned = ratios.Max() * (1 + Margin);
            return ratios.Count < MinimumObservations ? Math.Max(DefaultRatio, learned) : learned;
        }
    }

    public void Observe(string modelId, long characters, long actualInputTokens)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        if (characters <= 0 || actualInputTokens < 0)
        {
            return;
        }

        lock (_gate)
        {
            if (!_models.TryGetValue(modelId, out var ratios))
            {
                ratios = new ModelRatios(Window);
                _models[modelId] = ratios;
            }

            ratios.Add((double)actualInputTokens / characters);
        }
    }

    /// <summary>A fixed-size ring of the latest ratios.</summary>
    private sealed class ModelRatios(int capacity)
    {
        private readonly double[] _values = new double[capacity];
        private int _next;

        public int Count { get; private set; }

        public void Add(double ratio)
        {
            _values[_next] = ratio;
            _next = (_next + 1) % _values.Length;
            Count = Math.Min(Count + 1, _values.Length);
        }

        public double Max()
        {
            var max = 0.0;
            for (var i = 0; i < Count; i++)
            {
                max = Math.Max(max, _values[i]);
            }

            return max;
        }
    }
}
