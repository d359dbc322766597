using Serverless.Quota.Storage;
using Serverless.TestSupport;

namespace Serverless.Quota.Tests;

/// <summary>The in-memory store applies each update's condition and effect exactly as LedgerUpdates documents them.</summary>
public class InMemoryQuotaStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static LedgerState State(long version = 1, long bucket = 100, long leaseBucket = 10) => new()
    {
        Version = version,
        Bucket = bucket,
        LeaseBucket = leaseBucket,
        RequestSlots = new long[3],
        TokenSlots = new long[3],
        LeaseSlots = new long[4],
        ExpiresAtEpochSeconds = 500,
    };

    private static AdmitUpdate Admit(long bucket = 100, long maxRequests = 10, long maxTokens = 1_000, long maxLeases = 5)
        => new(bucket, 1, 1, 50, maxRequests, maxTokens, 10, 2, 1, maxLeases);

    [Fact]
    public async Task AdmitAddsCostsWhenEveryConditionHolds()
    {
        var store = new InMemoryQuotaStore();
        await store.ReplaceAsync("k", new ReplaceUpdate(null, State()), Ct);

        var outcome = await store.AdmitAsync("k", Admit(), Ct);

        Assert.True(outcome.Applied);
        var item = (await store.ReadAsync("k", Ct))!;
        Assert.Equal((1L, 1L, 50L, 1L), (item.Version, item.UsedRequests, item.UsedTokens, item.ActiveLeases));
        Assert.Equal([0, 1, 0], item.RequestSlots);
        Assert.Equal([0, 50, 0], item.TokenSlots);
        Assert.Equal([0, 0, 1, 0], item.LeaseSlots);
        Assert.Equal(500, item.ExpiresAtEpochSeconds); // set by creation and rollovers, not by admissions
    }

    [Theory]
    [InlineData(101, 10, 1_000, 5)]
    [InlineData(100, -1, 1_000, 5)]
    [InlineData(100, 10, -1, 5)]
    [InlineData(100, 10, 1_000, -1)]
    public async Task AdmitFailsAndReturnsTheItemWhenAConditionFails(long bucket, long maxRequests, long maxTokens, long maxLeases)
    {
        var store = new InMemoryQuotaStore();
        await store.ReplaceAsync("k", new ReplaceUpdate(null, State()), Ct);

        var outcome = await store.AdmitAsync("k", Admit(bucket, maxRequests, maxTokens, maxLeases), Ct);

        Assert.False(outcome.Applied);
        Assert.Equal(1, outcome.Current!.Version);
        Assert.Equal(0, outcome.Current.UsedRequests);
    }

    [Fact]
    public async Task AdmitOnAMissingItemFailsWithNoItem()
    {
        var outcome = await new InMemoryQuotaStore().AdmitAsync("k", Admit(), Ct);

        Assert.Equal(new UpdateOutcome(false, null), outcome);
    }

    [Fact]
    public async Task ReplaceIsConditionalOnAbsenceOrVersion()
    {
        var store = new InMemoryQuotaStore();
        Assert.True((await store.ReplaceAsync("k", new ReplaceUpdate(null, State(version: 1)), Ct)).Applied);
        Assert.False((await store.ReplaceAsync("k", new ReplaceUpdate(null, State(version: 9)), Ct)).Applied);
        Assert.False((await store.ReplaceAsync("k", new ReplaceUpdate(2, State(version: 9)) { Seen = State() }, Ct)).Applied);

        var outcome = await store.ReplaceAsync("k", new ReplaceUpdate(1, State(version: 2, bucket: 200)) { Seen = State() }, Ct);

        Assert.True(outcome.Applied);
        Assert.Equal(200, (await store.ReadAsync("k", Ct))!.Bucket);
    }

    [Fact]
    public async Task AdjustAppliesEachPartOnlyWhileItsSlotStillCounts()
    {
        var store = new InMemoryQuotaStore();
        var state = State();
        state.TokenSlots[1] = 500;
        state.UsedTokens = 500;
        state.LeaseSlots[3] = 1;
        state.ActiveLeases = 1;
        await store.ReplaceAsync("k", new ReplaceUpdate(null, state), Ct);

        Assert.False((await store.AdjustAsync("k", new AdjustUpdate(1, -100, 99, 3, -1, 11), Ct)).Applied);
        Assert.False((await store.AdjustAsync("k", new AdjustUpdate(1, -100, 100, 3, -1, 10), Ct)).Applied);
        Assert.True((await store.AdjustAsync("k", new AdjustUpdate(1, -100, 100, 3, -1, 11), Ct)).Applied);

        var item = (await store.ReadAsync("k", Ct))!;
        Assert.Equal((400L, 400L, 0L, 0L, 2L), (item.UsedTokens, item.TokenSlots[1], item.ActiveLeases, item.LeaseSlots[3], item.Version));
        Assert.True((await store.AdjustAsync("k", new AdjustUpdate(null, 0, 0, 3, -1, 11), Ct)).Applied);
        Assert.False((await store.AdjustAsync("k", new AdjustUpdate(1, 30, 50, null, 0, 0), Ct)).Applied);
    }

    [Fact]
    public async Task StatesAreCopiedInAndOut()
    {
        var store = new InMemoryQuotaStore();
        var state = State();
        await store.ReplaceAsync("k", new ReplaceUpdate(null, state), Ct);

        state.RequestSlots[0] = 99;
        var read = (await store.ReadAsync("k", Ct))!;
        read.TokenSlots[0] = 99;

        var again = (await store.ReadAsync("k", Ct))!;
        Assert.Equal(0, again.RequestSlots[0]);
        Assert.Equal(0, again.TokenSlots[0]);
    }

    [Fact]
    public async Task TheSoleWriterRollsAStaleRingOverInOneCall()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var ledger = new QuotaLedger(
            new InMemoryQuotaStore(),
            new QuotaLedgerOptions { Models = new Dictionary<string, ModelQuota> { ["m"] = new() { RequestsPerMinute = 1_000 } } },
            time,
            new Random(1));
        await ledger.TryReserveAsync(new QuotaRequest("m", 1, 1), Ct);

        for (var second = 0; second < 10; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            var before = ledger.Counters.DecisionStoreCalls;
            Assert.True((await ledger.TryReserveAsync(new QuotaRequest("m", 1, 1), Ct)).Admitted);
            Assert.Equal(1, ledger.Counters.DecisionStoreCalls - before);
        }
    }
}
