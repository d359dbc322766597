namespace Serverless.Bench.Quota.Goodput;

/// <summary>
/// The benchmark's workloads on Claude 3 Haiku: one where the token quota binds (long prompts and answers, RPM
/// ample) and one where the request quota binds (short calls, TPM ample), each without model latency and with the
/// model's configured latency (300 ms to first token, 150 tokens/s), offered at 3× the binding quota.
/// </summary>
public static class GoodputScenarios
{
    /// <summary>Settled tokens of an average call of the token-bound workload (measured: about 900 input and 580 output tokens).</summary>
    private const double TokenBoundCallCost = 1_470;

    /// <summary>The same calls with output × 5: about 900 + 5 × 580.</summary>
    private const double Burndown5CallCost = 3_800;

    public static GoodputScenario TokenBound(double timeScale, TimeSpan duration) => new()
    {
        Name = $"TPM-bound, latency x{timeScale:0.#}",
        RequestsPerMinute = 1_000,
        TokensPerMinute = 200_000,
        OfferedRequestsPerMinute = 3 * 200_000 / TokenBoundCallCost,
        TimeScale = timeScale,
        PromptWordsMin = 200,
        PromptWordsMax = 800,
        AnswerWordsMin = 100,
        AnswerWordsMax = 500,
        MaxTokens = 1_000,
        Duration = duration,
    };

    public static GoodputScenario RequestBound(double timeScale, TimeSpan duration) => new()
    {
        Name = $"RPM-bound, latency x{timeScale:0.#}",
        RequestsPerMinute = 300,
        TokensPerMinute = 2_000_000,
        OfferedRequestsPerMinute = 3 * 300,
        TimeScale = timeScale,
        PromptWordsMin = 20,
        PromptWordsMax = 60,
        AnswerWordsMin = 10,
        AnswerWordsMax = 40,
        MaxTokens = 200,
        Duration = duration,
    };

    /// <summary>
    /// Claude Sonnet 4 (output burndown 5) at its configured latency (800 ms to first token, 60 tokens/s): the ledger
    /// reserves input + maxTokens × 5 while the local Bedrock, like Bedrock, reserves input + maxTokens and settles
    /// to input + output × 5.
    /// </summary>
    public static GoodputScenario TokenBoundBurndown5(TimeSpan duration) => new()
    {
        Name = "TPM-bound, burndown 5, latency x1",
        ModelId = "anthropic.claude-sonnet-4-20250514-v1:0",
        RequestsPerMinute = 1_000,
        TokensPerMinute = 200_000,
        OfferedRequestsPerMinute = 3 * 200_000 / Burndown5CallCost,
        TimeScale = 1,
        PromptWordsMin = 200,
        PromptWordsMax = 800,
        AnswerWordsMin = 100,
        AnswerWordsMax = 500,
        MaxTokens = 1_000,
        Duration = duration,
    };

    public static IReadOnlyList<GoodputScenario> All(TimeSpan duration) =>
    [
        TokenBound(0, duration),
        TokenBound(1, duration),
        RequestBound(0, duration),
        RequestBound(1, duration),
        TokenBoundBurndown5(duration),
    ];
}
