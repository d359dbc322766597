using Serverless.Bedrock.Model;
using Serverless.Quota;

namespace Serverless.Bench.Quota.Goodput;

/// <summary>
/// The baseline: call Bedrock directly and, on ThrottlingException, retry after exponential backoff with full
/// jitter (delays on the simulated clock), giving up after the policy's last attempt.
/// </summary>
public sealed class BackoffCaller(CallerContext context) : ISimulatedCaller
{
    public string Name => "retry with backoff + jitter (baseline)";

    public QuotaLedgerCounters? LedgerCounters => null;

    public async Task RunAsync(SimulatedRequest request, CancellationToken cancellationToken)
    {
        var policy = context.Scenario.Backoff;
        // One generator per request: deterministic whatever order concurrent requests run in.
        var random = new Random(HashCode.Combine(context.Scenario.Seed, request.Index));
        for (var attempt = 1; ; attempt++)
        {
            var sentAt = context.Now;
            context.Recorder.BedrockCalled();
            try
            {
                var response = await context.Client.ConverseAsync(context.Converse(request), cancellationToken).ConfigureAwait(false);
                context.Recorder.Completed(request, sentAt, context.Now, context.SettledTokens(response.Usage), response.Usage.OutputTokens);
                return;
            }
            catch (ThrottlingException)
            {
                context.Recorder.Throttled();
            }

            if (attempt == policy.MaxAttempts)
            {
                context.Recorder.GaveUp();
                return;
            }

            await context.DelayAsync(policy.Delay(attempt, random), cancellationToken).ConfigureAwait(false);
        }
    }
}
