using Serverless.Bedrock.Model;
using Serverless.Quota;

namespace Serverless.Bench.Quota.Goodput;

/// <summary>
/// The ledger path: count the input tokens with the local Bedrock's CountTokens, reserve, call Bedrock, settle with
/// the response's usage. Reserving either waits in line in the ledger (<see cref="IQuotaLedger.ReserveAsync"/>) or
/// asks once (<see cref="IQuotaLedger.TryReserveAsync"/>) and, when refused, waits the Retry-After on the simulated
/// clock and asks again; both give up after the scenario's maximum wait. A throttle (which the ledger should make
/// impossible) is settled as unused and the request goes back in line.
/// </summary>
public sealed class LedgerCaller(CallerContext context, QuotaLedger ledger, bool waitInLedger, string? nameSuffix = null) : ISimulatedCaller
{
    public string Name => (waitInLedger ? "quota ledger, ReserveAsync (wait in line)" : "quota ledger, TryReserve + Retry-After") + nameSuffix;

    public QuotaLedgerCounters? LedgerCounters => ledger.Counters;

    public async Task RunAsync(SimulatedRequest request, CancellationToken cancellationToken)
    {
        var scenario = context.Scenario;
        var counted = await context.Client.CountTokensAsync(context.CountTokens(request), cancellationToken).ConfigureAwait(false);
        var quotaRequest = new QuotaRequest(scenario.ModelId, counted.InputTokens, request.MaxTokens);
        // From the step the request started in (arrivals are exact, steps are on the resolution grid), so every wait
        // the ledger computes is a whole number of steps: QuotaLedger.ReserveAsync spins on a sub-millisecond wait.
        var giveUpAt = context.Now + scenario.LedgerMaxWait;
        while (true)
        {
            var decision = waitInLedger
                ? await ledger.ReserveAsync(quotaRequest, Remaining(giveUpAt), cancellationToken).ConfigureAwait(false)
                : await ledger.TryReserveAsync(quotaRequest, cancellationToken).ConfigureAwait(false);
            if (decision.Reservation is not { } reservation)
            {
                if (waitInLedger)
                {
                    context.Recorder.GaveUp();
                    return;
                }

                // A zero Retry-After would spin without letting time pass; one clock step is the shortest real wait.
                var wait = decision.RetryAfter < scenario.Resolution ? scenario.Resolution : decision.RetryAfter;
                if (context.Now + wait > giveUpAt)
                {
                    context.Recorder.GaveUp();
                    return;
                }

                await context.DelayAsync(wait, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var sentAt = context.Now;
            context.Recorder.BedrockCalled();
            ConverseResponse response;
            try
            {
                response = await context.Client.ConverseAsync(context.Converse(request), cancellationToken).ConfigureAwait(false);
            }
            catch (ThrottlingException)
            {
                context.Recorder.Throttled();
                await ledger.SettleAsync(reservation, ActualUsage.None, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var usage = response.Usage;
            await ledger.SettleAsync(reservation, new ActualUsage(usage.InputTokens, usage.OutputTokens, usage.CacheWriteInputTokens ?? 0), cancellationToken).ConfigureAwait(false);
            context.Recorder.Completed(request, sentAt, context.Now, context.SettledTokens(usage), usage.OutputTokens, reservation.ReservedTokens);
            return;
        }
    }

    private TimeSpan Remaining(TimeSpan giveUpAt) => giveUpAt > context.Now ? giveUpAt - context.Now : TimeSpan.Zero;
}
