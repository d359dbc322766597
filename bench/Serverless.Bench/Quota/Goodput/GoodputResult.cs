using Serverless.LocalBedrock.Quotas;
using Serverless.Quota;

namespace Serverless.Bench.Quota.Goodput;

/// <summary>
/// The figures of one caller path. Goodput counts what Bedrock answered, by the minute Bedrock admitted it (that is
/// where Bedrock's window charges it): tokens are Bedrock's settled charge (input + output × burndown), requests are
/// answered calls. Each is divided by the quota over the steady-state minutes (from the scenario's
/// SteadyStateFromMinute to the end of the load).
/// </summary>
public sealed record GoodputResult
{
    public required string Caller { get; init; }

    public required int Arrivals { get; init; }

    public required int Answered { get; init; }

    public required long GaveUp { get; init; }

    public required long BedrockCalls { get; init; }

    /// <summary>ThrottlingExceptions the callers caught.</summary>
    public required long ThrottlesSeen { get; init; }

    /// <summary>Throttles the local Bedrock counted for the model (its own stats).</summary>
    public required long BedrockThrottles { get; init; }

    /// <summary>Ledger decisions that refused (each is one store call or more), and store calls per decision; null without a ledger.</summary>
    public required long? LedgerRefusals { get; init; }

    public required double? StoreCallsPerDecision { get; init; }

    public required long OtherErrors { get; init; }

    /// <summary>Settled tokens per minute of load ÷ TPM, by admission minute.</summary>
    public required IReadOnlyList<double> TokenShareByMinute { get; init; }

    public required double TokenGoodput { get; init; }

    /// <summary>
    /// The share of the TPM window the ledger's reservations held beyond their settled charge while calls ran, averaged
    /// over the steady-state minutes: Σ (reserved − settled) × call time ÷ (steady-state seconds × TPM). A sliding
    /// window holds each settled call's charge for 60 s, so goodput + this is how full the ledger kept the window
    /// (the ledger refuses before that passes 100 %). Null without a ledger.
    /// </summary>
    public required double? InFlightHold { get; init; }

    public required double RequestGoodput { get; init; }

    /// <summary>Offered tokens over the steady-state minutes ÷ TPM (arrivals × mean settled cost of answered calls).</summary>
    public required double OfferedTokenMultiple { get; init; }

    public required double OfferedRequestMultiple { get; init; }

    /// <summary>Arrival to the successful send, answered calls only.</summary>
    public required TimeSpan QueueingP50 { get; init; }

    public required TimeSpan QueueingP99 { get; init; }

    /// <summary>Mean send-to-answer time (the modelled latency).</summary>
    public required TimeSpan MeanLatency { get; init; }

    public required double MeanSettledTokens { get; init; }

    /// <summary>Mean maxTokens − output tokens: what Bedrock holds beyond the settled charge while a call is in flight.</summary>
    public required double MeanUnusedMaxTokens { get; init; }

    public required TimeSpan WallTime { get; init; }

    public required long ClockSteps { get; init; }

    public static GoodputResult From(string caller, GoodputScenario scenario, IReadOnlyList<SimulatedRequest> arrivals, GoodputRecorder recorder, QuotaLedgerCounters? ledger, ModelQuotaStats? quota, TimeSpan wallTime, long steps)
    {
        var minutes = (int)Math.Round(scenario.Duration.TotalMinutes);
        var completions = recorder.Completions().Where(c => c.AdmittedAt < scenario.Duration).ToList();
        var tokensByMinute = new double[minutes];
        var requestsByMinute = new int[minutes];
        foreach (var completion in completions)
        {
            var minute = (int)completion.AdmittedAt.TotalMinutes;
            tokensByMinute[minute] += completion.Tokens;
            requestsByMinute[minute]++;
        }

        var steadyMinutes = minutes - scenario.SteadyStateFromMinute;
        var steadyTokens = tokensByMinute.Skip(scenario.SteadyStateFromMinute).Sum();
        var steadyRequests = requestsByMinute.Skip(scenario.SteadyStateFromMinute).Sum();
        var meanSettled = completions.Count == 0 ? 0 : completions.Average(c => (double)c.Tokens);
        var steadyFrom = TimeSpan.FromMinutes(scenario.SteadyStateFromMinute);
        double offeredSteady = arrivals.Count(a => a.ArrivesAt >= steadyFrom);
        var delays = completions.Select(c => c.QueueingDelay).Order().ToList();
        return new GoodputResult
        {
            Caller = caller,
            Arrivals = arrivals.Count,
            Answered = completions.Count,
            GaveUp = recorder.GaveUpCount,
            BedrockCalls = recorder.BedrockCalls,
            ThrottlesSeen = recorder.ThrottlesSeen,
            BedrockThrottles = quota?.Throttled ?? 0,
            LedgerRefusals = ledger?.Refused,
            StoreCallsPerDecision = ledger?.StoreCallsPerDecision,
            OtherErrors = recorder.OtherErrors,
            TokenShareByMinute = [.. tokensByMinute.Select(t => t / scenario.TokensPerMinute)],
            TokenGoodput = steadyTokens / ((double)steadyMinutes * scenario.TokensPerMinute),
            InFlightHold = completions.Any(c => c.ReservedTokens is not null)
                ? completions.Where(c => c.AdmittedAt >= steadyFrom && c.ReservedTokens is not null)
                      .Sum(c => (c.ReservedTokens!.Value - c.Tokens) * (c.CompletedAt - c.AdmittedAt).TotalSeconds)
                  / (steadyMinutes * 60.0 * scenario.TokensPerMinute)
                : null,
            RequestGoodput = steadyRequests / ((double)steadyMinutes * scenario.RequestsPerMinute),
            OfferedTokenMultiple = offeredSteady * meanSettled / ((double)steadyMinutes * scenario.TokensPerMinute),
            OfferedRequestMultiple = offeredSteady / ((double)steadyMinutes * scenario.RequestsPerMinute),
            QueueingP50 = Percentile(delays, 0.50),
            QueueingP99 = Percentile(delays, 0.99),
            MeanLatency = completions.Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)completions.Average(c => (c.CompletedAt - c.AdmittedAt).Ticks)),
            MeanSettledTokens = meanSettled,
            MeanUnusedMaxTokens = completions.Count == 0 ? 0 : completions.Average(c => (double)(c.MaxTokens - c.OutputTokens)),
            WallTime = wallTime,
            ClockSteps = steps,
        };
    }

    private static TimeSpan Percentile(List<TimeSpan> sorted, double p)
        => sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
