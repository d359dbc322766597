namespace Serverless.Quota;

/// <summary>
/// Keeps every Bedrock call inside the account's per-model quotas, across any number of processes: reserve before
/// the call, settle after it. Each decision is one conditional write to the store.
/// </summary>
public interface IQuotaLedger
{
    /// <summary>Admits now or refuses with the time until capacity returns (never waits).</summary>
    /// <exception cref="QuotaConfigurationException">The model (or caller) has no configured quota.</exception>
    ValueTask<QuotaDecision> TryReserveAsync(QuotaRequest request, CancellationToken cancellationToken);

    /// <summary>Waits in line (retrying when capacity returns) until admitted or until <paramref name="maxWait"/> has passed; then refuses.</summary>
    ValueTask<QuotaDecision> ReserveAsync(QuotaRequest request, TimeSpan maxWait, CancellationToken cancellationToken);

    /// <summary>Turns the reservation into actual use: gives back what was reserved but not used, releases the concurrency lease. Call it on failure too.</summary>
    ValueTask SettleAsync(QuotaReservation reservation, ActualUsage usage, CancellationToken cancellationToken);

    /// <summary>Use against limit for the model's scope (and the caller's sub-scope when named).</summary>
    ValueTask<QuotaStatus> GetStatusAsync(string modelId, string? callerId, CancellationToken cancellationToken);
}
