using Serverless.Functions.Metrics;
using Serverless.Quota;

namespace Serverless.Functions.Gating;

/// <summary>
/// An admitted call's reservation, settled exactly once when disposed — on success with Bedrock's usage, and on
/// every failure too, so no reservation is left to expire by itself. What a failed call is charged is chosen so the
/// ledger never counts less than Bedrock may have: an error response from Bedrock (nothing generated) costs the
/// estimated input; any other failure — a stream cut midway, a connection lost, a client gone — keeps the whole
/// reservation, because the model may have generated up to maxTokens that never reached us.
/// </summary>
internal sealed class Admission : IAsyncDisposable
{
    private readonly IQuotaLedger _ledger;
    private readonly QuotaReservation _reservation;
    private readonly Action<long>? _observeInput;
    private readonly EmfMetricsWriter _metrics;
    private ActualUsage? _usage;
    private bool _refused;
    private int _settled;

    public Admission(IQuotaLedger ledger, QuotaReservation reservation, long estimatedInputTokens, int maxOutputTokens, Action<long>? observeInput,
        EmfMetricsWriter metrics)
    {
        _metrics = metrics;
        _ledger = ledger;
        _reservation = reservation;
        _observeInput = observeInput;
        EstimatedInputTokens = estimatedInputTokens;
        MaxOutputTokens = maxOutputTokens;
    }

    public long EstimatedInputTokens { get; }

    public int MaxOutputTokens { get; }

    /// <summary>Bedrock answered with an error before producing anything: only the (estimated) input is charged.</summary>
    public void RefusedByBedrock() => _refused = true;

    /// <summary>The call succeeded with this usage (Bedrock's figures); it also calibrates the token estimate.</summary>
    /// <summary>Settles with the usage a Converse answer reports (cache writes count as input).</summary>
    public void Complete(Serverless.Bedrock.Model.TokenUsage usage)
        => Complete(new ActualUsage(usage.InputTokens, usage.OutputTokens, usage.CacheWriteInputTokens ?? 0));

    public void Complete(ActualUsage usage)
    {
        _usage = usage;
        _observeInput?.Invoke(usage.InputTokens + usage.CacheWriteInputTokens);
    }

    /// <summary>What settlement will charge now.</summary>
    public ActualUsage Charge => _usage
        ?? (_refused ? new ActualUsage(EstimatedInputTokens, 0) : new ActualUsage(EstimatedInputTokens, MaxOutputTokens));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _settled, 1) == 1)
        {
            return;
        }

        // Settle even when the caller's token is cancelled (a client that went away): the hold must be released.
        var charge = Charge;
        await _ledger.SettleAsync(_reservation, charge, CancellationToken.None).ConfigureAwait(false);
        _metrics.Write(_reservation.ModelId, new EmfMetric(QuotaMetricNames.TokensSettled, ChargedTokens(charge)));
    }

    /// <summary>The ledger's charge for this usage: output tokens count at the burndown rate the reservation was made with.</summary>
    private long ChargedTokens(ActualUsage usage)
        => checked(usage.InputTokens + usage.CacheWriteInputTokens + (usage.OutputTokens * _reservation.OutputTokenBurndown));
}
