namespace Serverless.Quota;

/// <summary>
/// What one ledger instance has done, for benchmarks and metrics: decisions and the store calls they took
/// (calls per decision is 1 on the fast path), settlements and theirs, lost races, store failures.
/// Thread-safe; counts since the ledger was created or <see cref="Reset"/>.
/// </summary>
public sealed class QuotaLedgerCounters
{
    private long _decisions;
    private long _admitted;
    private long _decisionStoreCalls;
    private long _settlements;
    private long _settlementStoreCalls;
    private long _lostRaces;
    private long _storeFailures;

    public long Decisions => Interlocked.Read(ref _decisions);

    public long Admitted => Interlocked.Read(ref _admitted);

    public long Refused => Decisions - Admitted;

    /// <summary>Store calls made by TryReserve (every attempt of a wait in line counts as a decision).</summary>
    public long DecisionStoreCalls => Interlocked.Read(ref _decisionStoreCalls);

    public long Settlements => Interlocked.Read(ref _settlements);

    public long SettlementStoreCalls => Interlocked.Read(ref _settlementStoreCalls);

    /// <summary>Conditional writes that failed because another writer changed the item first.</summary>
    public long LostRaces => Interlocked.Read(ref _lostRaces);

    public long StoreFailures => Interlocked.Read(ref _storeFailures);

    public double StoreCallsPerDecision => Decisions == 0 ? 0 : (double)DecisionStoreCalls / Decisions;

    public void Reset()
    {
        Interlocked.Exchange(ref _decisions, 0);
        Interlocked.Exchange(ref _admitted, 0);
        Interlocked.Exchange(ref _decisionStoreCalls, 0);
        Interlocked.Exchange(ref _settlements, 0);
        Interlocked.Exchange(ref _settlementStoreCalls, 0);
        Interlocked.Exchange(ref _lostRaces, 0);
        Interlocked.Exchange(ref _storeFailures, 0);
    }

    internal void Decision(bool admitted, int storeCalls)
    {
        Interlocked.Increment(ref _decisions);
        Interlocked.Add(ref _decisionStoreCalls, storeCalls);
        if (admitted)
        {
            Interlocked.Increment(ref _admitted);
        }
    }

    internal void Settlement(int storeCalls)
    {
        Interlocked.Increment(ref _settlements);
        Interlocked.Add(ref _settlementStoreCalls, storeCalls);
    }

    internal void LostRace() => Interlocked.Increment(ref _lostRaces);

    internal void StoreFailure() => Interlocked.Increment(ref _storeFailures);
}
