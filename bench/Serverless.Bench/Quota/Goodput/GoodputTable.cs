using System.Globalization;

namespace Serverless.Bench.Quota.Goodput;

/// <summary>Prints the rows of one scenario, then each row's token share per minute.</summary>
public static class GoodputTable
{
    public static void Print(TextWriter output, GoodputScenario scenario, IReadOnlyList<GoodputResult> results)
    {
        output.WriteLine($"| caller | goodput TPM | goodput RPM | held in flight | window use | Bedrock throttles | answered | gave up | Bedrock calls | ledger refusals | queueing p50 | p99 | latency | offered | wall |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Caller} | {r.TokenGoodput:P1} | {r.RequestGoodput:P1} | {(r.InFlightHold is { } hold ? hold.ToString("P1", CultureInfo.InvariantCulture) : "-")} | {(r.InFlightHold is { } held ? (r.TokenGoodput + held).ToString("P1", CultureInfo.InvariantCulture) : "-")} | {r.BedrockThrottles:N0} (seen {r.ThrottlesSeen:N0}) | {r.Answered:N0} | {r.GaveUp:N0} | {r.BedrockCalls:N0} | {(r.LedgerRefusals is { } refused ? refused.ToString("N0", CultureInfo.InvariantCulture) : "-")} | {Seconds(r.QueueingP50)} | {Seconds(r.QueueingP99)} | {Seconds(r.MeanLatency)} | {r.OfferedTokenMultiple:0.00}x TPM, {r.OfferedRequestMultiple:0.00}x RPM | {r.WallTime.TotalSeconds:0.0} s |"));
        }

        foreach (var r in results)
        {
            var minutes = string.Join(" ", r.TokenShareByMinute.Select(s => (s * 100).ToString("0.0", CultureInfo.InvariantCulture)));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {r.Caller}: TPM % by minute [{minutes}], mean settled {r.MeanSettledTokens:0} tokens, mean unused maxTokens {r.MeanUnusedMaxTokens:0}, {r.ClockSteps:N0} clock steps, {r.OtherErrors} errors"));
        }

        _ = scenario;
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
