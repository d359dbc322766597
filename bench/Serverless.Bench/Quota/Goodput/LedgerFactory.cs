using Serverless.Quota;
using Serverless.Quota.Storage;

namespace Serverless.Bench.Quota.Goodput;

/// <summary>The ledger a simulated run uses: the in-memory store, the scenario's quota for its one model, the shared clock.</summary>
public static class LedgerFactory
{
    /// <param name="reserveOutputAtBurndown">Null: the ledger's default (<see cref="ModelQuota.ReserveOutputAtBurndown"/>).</param>
    public static QuotaLedger Create(GoodputScenario scenario, int outputTokenBurndown, TimeProvider time, bool? reserveOutputAtBurndown = null) => new(
        new InMemoryQuotaStore(),
        new QuotaLedgerOptions
        {
            BucketWidth = scenario.LedgerBucketWidth,
            Models = new Dictionary<string, ModelQuota>(StringComparer.Ordinal)
            {
                [scenario.ModelId] = new ModelQuota
                {
                    RequestsPerMinute = scenario.RequestsPerMinute,
                    TokensPerMinute = scenario.TokensPerMinute,
                    OutputTokenBurndown = outputTokenBurndown,
                    ReserveOutputAtBurndown = reserveOutputAtBurndown ?? new ModelQuota().ReserveOutputAtBurndown,
                },
            },
        },
        time,
        new Random(scenario.Seed));
}
