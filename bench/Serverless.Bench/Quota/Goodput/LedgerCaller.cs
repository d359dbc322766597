using Serverless.Bedrock.Model;
using Serverless.Quota;

namespace Serverless.Bench.Quota.Goodput;

/// <summary>
/// The ledger path: count the input tokens with the local Bedrock's CountTokens, reserve (TryReserve; when
/// refused, wait the RetryAfter on the simulated clock and ask again, up to the scenario's maximum wait), call
/// Bedrock, settle with the response's usage. A throttle (which the ledger should make impossible) is settled as
/// unused and the request goes back in line.
/// </summary>
public sealed class LedgerCaller(CallerContext context, IQuotaLedger ledger) : ISimulatedCaller
{
    public string Name => "quota ledger";

    public async Task RunAsync(SimulatedRequest request, CancellationToken cancellationToken)
    {
        var scenario = context.Scenario;
        var counted = await context.Client.CountTokensAsync(context.CountTokens(request), cancellationToken).ConfigureAwait(false);
        var quotaRequest = new QuotaRequest(scenario.ModelId, counted.InputTokens, request.MaxTokens);
        var giveUpAt = request.ArrivesAt + scenario.LedgerMaxWait;
        while (true)
        {
            var decision = await ledger.TryReserveAsync(quotaRequest, cancellationToken).ConfigureAwait(false);
            if (decision.Reservation is not { } reservation)
            {
                context.Recorder.LedgerRefused();
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
            context.Recorder.Completed(request, sentAt, context.Now, context.SettledTokens(usage), usage.OutputTokens);
            return;
        }
    }
}
