namespace Serverless.Bench.Quota.Goodput;

/// <summary>One way of calling Bedrock under a quota; the simulation runs one request through it per arrival.</summary>
public interface ISimulatedCaller
{
    string Name { get; }

    /// <summary>The ledger's own decision counters, for a path that uses one.</summary>
    Serverless.Quota.QuotaLedgerCounters? LedgerCounters { get; }

    Task RunAsync(SimulatedRequest request, CancellationToken cancellationToken);
}
