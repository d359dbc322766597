using Serverless.Quota.Storage;

namespace Serverless.Quota.Tests.DynamoDb;

/// <summary>
/// Each store update's condition and effect (Storage/LedgerUpdates.cs), asserted identically against every store:
/// what the in-memory store does is what DynamoDB does. Keys are unique per test, the table unique per class.
/// </summary>
public sealed class LedgerStoreSemanticsTests(LedgerTableFixture table) : IClassFixture<LedgerTableFixture>
{
    public static TheoryData<string> Stores => [.. StoreKinds.All];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task ReplaceWithoutExpectedVersionCreatesTheItemOnlyOnce(string kind)
    {
        var (store, key) = Create(kind);
        var first = LedgerStates.Empty(bucket: 100, leaseBucket: 10);
        first.UsedRequests = 1;
        first.RequestSlots[100 % LedgerStates.WindowSlots] = 1;

        var created = await store.ReplaceAsync(key, new ReplaceUpdate(null, first), Token);
        var second = await store.ReplaceAsync(key, new ReplaceUpdate(null, LedgerStates.Empty(bucket: 100, leaseBucket: 10)), Token);

        Assert.True(created.Applied);
        AssertSameState(first, created.Current);
        Assert.False(second.Applied);
        AssertSameState(first, second.Current);
        AssertSameState(first, await store.ReadAsync(key, Token));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task ReplaceWithExpectedVersionAppliesOnlyToThatVersion(string kind)
    {
        var (store, key) = Create(kind);
        await store.ReplaceAsync(key, new ReplaceUpdate(null, LedgerStates.Empty(100, 10, version: 4)), Token);
        var rolled = LedgerStates.Empty(bucket: 130, leaseBucket: 13, version: 5);

        var stale = await store.ReplaceAsync(key, new ReplaceUpdate(3, rolled), Token);
        var current = await store.ReplaceAsync(key, new ReplaceUpdate(4, rolled), Token);

        Assert.False(stale.Applied);
        Assert.Equal(4, stale.Current!.Version);
        Assert.Equal(100, stale.Current.Bucket);
        Assert.True(current.Applied);
        AssertSameState(rolled, await store.ReadAsync(key, Token));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task ReplaceWithExpectedVersionOnAMissingItemFailsWithNoCurrent(string kind)
    {
        var (store, key) = Create(kind);

        var outcome = await store.ReplaceAsync(key, new ReplaceUpdate(1, LedgerStates.Empty(100, 10, version: 2)), Token);

        Assert.False(outcome.Applied);
        Assert.Null(outcome.Current);
        Assert.Null(await store.ReadAsync(key, Token));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AdmitOnAMissingItemFailsWithNoCurrent(string kind)
    {
        var (store, key) = Create(kind);

        var outcome = await store.AdmitAsync(key, LedgerStates.Admission(100, 10, tokens: 50), Token);

        Assert.False(outcome.Applied);
        Assert.Null(outcome.Current);
        Assert.Null(await store.ReadAsync(key, Token));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AdmitSetsTheTimeToLiveItIsGivenLikeAPlainDynamoDbSet(string kind)
    {
        // Both stores must agree: the ledger, not the store, keeps the TTL from going down.
        var (store, key) = Create(kind);
        var stored = LedgerStates.Empty(100, 10, version: 1);
        stored.ExpiresAtEpochSeconds = 2_000_000_900;
        await store.ReplaceAsync(key, new ReplaceUpdate(null, stored), Token);

        var outcome = await store.AdmitAsync(key, LedgerStates.Admission(100, 10, tokens: 50, expiresAt: 2_000_000_500), Token);

        Assert.True(outcome.Applied);
        Assert.Equal(2_000_000_500, (await store.ReadAsync(key, Token))!.ExpiresAtEpochSeconds);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AdmitAddsTheCostsToTheSumsAndToTheirSlotsAndBumpsTheVersion(string kind)
    {
        var (store, key) = Create(kind);
        await store.ReplaceAsync(key, new ReplaceUpdate(null, LedgerStates.Empty(100, 10, version: 7)), Token);
        var admission = LedgerStates.Admission(100, 10, tokens: 1_250, expiresAt: 2_000_000_500);

        var first = await store.AdmitAsync(key, admission, Token);
        var second = await store.AdmitAsync(key, admission with { TokenCost = 40, MaxUsedTokensBefore = 100_000 - 40 }, Token);
        var state = await store.ReadAsync(key, Token);

        Assert.True(first.Applied);
        Assert.True(second.Applied);
        Assert.NotNull(state);
        AssertSameState(state, second.Current); // the item after the write comes back with it (no read)
        Assert.Equal(8, first.Current!.Version);
        Assert.Equal(9, state.Version);
        Assert.Equal(2, state.UsedRequests);
        Assert.Equal(1_290, state.UsedTokens);
        Assert.Equal(2, state.RequestSlots[admission.Slot]);
        Assert.Equal(1_290, state.TokenSlots[admission.Slot]);
        Assert.Equal(2, state.RequestSlots.Sum());
        Assert.Equal(1_290, state.TokenSlots.Sum());
        Assert.Equal(2, state.ActiveLeases);
        Assert.Equal(2, state.LeaseSlots[admission.LeaseSlot]);
        Assert.Equal(2, state.LeaseSlots.Sum());
        Assert.Equal(2_000_000_500, state.ExpiresAtEpochSeconds);
        Assert.Equal(100, state.Bucket);
        Assert.Equal(10, state.LeaseBucket);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AdmitFailsWhenEitherRingClockDiffersAndReturnsTheUnchangedItem(string kind)
    {
        var (store, key) = Create(kind);
        var stored = LedgerStates.Empty(100, 10, version: 3);
        await store.ReplaceAsync(key, new ReplaceUpdate(null, stored), Token);

        var later = await store.AdmitAsync(key, LedgerStates.Admission(101, 10, tokens: 5), Token);
        var earlier = await store.AdmitAsync(key, LedgerStates.Admission(99, 10, tokens: 5), Token);
        var otherLeaseBucket = await store.AdmitAsync(key, LedgerStates.Admission(100, 11, tokens: 5), Token);

        Assert.All([later, earlier, otherLeaseBucket], outcome =>
        {
            Assert.False(outcome.Applied);
            AssertSameState(stored, outcome.Current);
        });
        AssertSameState(stored, await store.ReadAsync(key, Token));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AdmitChecksEachSumAgainstItsMaximumInclusively(string kind)
    {
        var (store, key) = Create(kind);
        var stored = LedgerStates.Empty(100, 10);
        stored.UsedRequests = 9;
        stored.UsedTokens = 900;
        stored.ActiveLeases = 4;
        await store.ReplaceAsync(key, new ReplaceUpdate(null, stored), Token);
        var exact = new AdmitUpdate(100, 5, 1, 100, MaxUsedRequestsBefore: 9, MaxUsedTokensBefore: 900, 10, 3, 1, MaxActiveLeasesBefore: 4, 2_000_000_000);

        var overRequests = await store.AdmitAsync(key, exact with { MaxUsedRequestsBefore = 8 }, Token);
        var overTokens = await store.AdmitAsync(key, exact with { MaxUsedTokensBefore = 899 }, Token);
        var overLeases = await store.AdmitAsync(key, exact with { MaxActiveLeasesBefore = 3 }, Token);
        var atEveryLimit = await store.AdmitAsync(key, exact, Token);

        Assert.All([overRequests, overTokens, overLeases], outcome =>
        {
            Assert.False(outcome.Applied);
            Assert.Equal(9, outcome.Current!.UsedRequests);
            Assert.Equal(900, outcome.Current.UsedTokens);
            Assert.Equal(4, outcome.Current.ActiveLeases);
        });
        Assert.True(atEveryLimit.Applied);
        var state = await store.ReadAsync(key, Token);
        Assert.Equal((10L, 1_000L, 5L), (state!.UsedRequests, state.UsedTokens, state.ActiveLeases));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task ConcurrentAdmissionsAgainstOneLimitApplyExactlyTheLimit(string kind)
    {
        var (store, key) = Create(kind);
        await store.ReplaceAsync(key, new ReplaceUpdate(null, LedgerStates.Empty(100, 10)), Token);
        var admission = LedgerStates.Admission(100, 10, tokens: 10, rpm: 25, concurrency: 1_000);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => store.AdmitAsync(key, admission, Token).AsTask()));

        Assert.Equal(25, outcomes.Count(o => o.Applied));
        Assert.All(outcomes.Where(o => !o.Applied), o => Assert.True(o.Current!.UsedRequests >= 25));
        var state = await store.ReadAsync(key, Token);
        Assert.Equal((25L, 250L, 25L), (state!.UsedRequests, state.UsedTokens, state.RequestSlots[admission.Slot]));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AdjustRefundsTokensIntoTheReservationSlotWhileItIsInTheWindow(string kind)
    {
        var (store, key) = Create(kind);
        await store.ReplaceAsync(key, new ReplaceUpdate(null, LedgerStates.Empty(100, 10)), Token);
        var admission = LedgerStates.Admission(100, 10, tokens: 1_000);
        await store.AdmitAsync(key, admission, Token);
        await store.ReplaceAsync(key, new ReplaceUpdate(2, Rolled(await store.ReadAsync(key, Token), bucket: 130)), Token);

        var refund = await store.AdjustAsync(key, new AdjustUpdate(admission.Slot, -600, MaxBucketForTokens: 160, null, 0, 0), Token);
        var state = await store.ReadAsync(key, Token);

        Assert.True(refund.Applied);
        AssertSameState(state!, refund.Current);
        Assert.Equal(400, state!.UsedTokens);
        Assert.Equal(400, state.TokenSlots[admission.Slot]);
        Assert.Equal(1, state.UsedRequests);
        Assert.Equal(1, state.ActiveLeases);
        Assert.Equal(4, state.Version);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AdjustOfTokensFailsOnceTheReservationLeftTheWindow(string kind)
    {
        var (store, key) = Create(kind);
        var stored = LedgerStates.Empty(161, 10);
        await store.ReplaceAsync(key, new ReplaceUpdate(null, stored), Token);

        var outcome = await store.AdjustAsync(key, new AdjustUpdate(100 % LedgerStates.WindowSlots, -600, MaxBucketForTokens: 160, null, 0, 0), Token);

        Assert.False(outcome.Applied);
        AssertSameState(stored, outcome.Current);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AdjustReleasesALeaseOnlyBeforeItExpired(string kind)
    {
        var (store, key) = Create(kind);
        await store.ReplaceAsync(key, new ReplaceUpdate(null, LedgerStates.Empty(100, 10)), Token);
        var admission = LedgerStates.Admission(100, 10, tokens: 10);
        await store.AdmitAsync(key, admission, Token);
        var release = new AdjustUpdate(null, 0, 0, admission.LeaseSlot, -1, LeaseExpiryBucket: 13);

        var released = await store.AdjustAsync(key, release, Token);
        var afterRelease = await store.ReadAsync(key, Token);
        await store.ReplaceAsync(key, new ReplaceUpdate(3, Rolled(afterRelease, leaseBucket: 13)), Token);
        var expired = await store.AdjustAsync(key, release, Token);

        Assert.True(released.Applied);
        Assert.Equal(0, afterRelease!.ActiveLeases);
        Assert.Equal(0, afterRelease.LeaseSlots[admission.LeaseSlot]);
        Assert.Equal(10, afterRelease.UsedTokens);
        Assert.False(expired.Applied);
        Assert.Equal(13, expired.Current!.LeaseBucket);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AdjustWithBothPartsAppliesNeitherWhenOneConditionFails(string kind)
    {
        var (store, key) = Create(kind);
        await store.ReplaceAsync(key, new ReplaceUpdate(null, LedgerStates.Empty(100, 10)), Token);
        var admission = LedgerStates.Admission(100, 10, tokens: 1_000);
        await store.AdmitAsync(key, admission, Token);
        var before = await store.ReadAsync(key, Token);

        var leaseExpired = await store.AdjustAsync(key, new AdjustUpdate(admission.Slot, -500, 160, admission.LeaseSlot, -1, LeaseExpiryBucket: 10), Token);
        var tokensLeft = await store.AdjustAsync(key, new AdjustUpdate(admission.Slot, -500, 99, admission.LeaseSlot, -1, LeaseExpiryBucket: 13), Token);
        var both = await store.AdjustAsync(key, new AdjustUpdate(admission.Slot, -500, 160, admission.LeaseSlot, -1, LeaseExpiryBucket: 13), Token);

        Assert.False(leaseExpired.Applied);
        Assert.False(tokensLeft.Applied);
        AssertSameState(before!, leaseExpired.Current);
        AssertSameState(before!, tokensLeft.Current);
        Assert.True(both.Applied);
        var state = await store.ReadAsync(key, Token);
        Assert.Equal((500L, 500L, 0L, 0L), (state!.UsedTokens, state.TokenSlots[admission.Slot], state.ActiveLeases, state.LeaseSlots[admission.LeaseSlot]));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AdjustOnAMissingItemFailsWithNoCurrent(string kind)
    {
        var (store, key) = Create(kind);

        var outcome = await store.AdjustAsync(key, new AdjustUpdate(3, -5, 160, 4, -1, 13), Token);

        Assert.False(outcome.Applied);
        Assert.Null(outcome.Current);
        Assert.Null(await store.ReadAsync(key, Token));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task ReadReturnsWhatWasStoredIncludingLargeNumbers(string kind)
    {
        var (store, key) = Create(kind);
        var stored = LedgerStates.Empty(29_633_333, 2_963_333, version: long.MaxValue - 1);
        stored.UsedTokens = 4_000_000_000_000;
        stored.TokenSlots[5] = 4_000_000_000_000;
        stored.RequestSlots[60] = -3;
        stored.LeaseSlots[91] = 12;
        stored.ExpiresAtEpochSeconds = 1_978_000_123;

        await store.ReplaceAsync(key, new ReplaceUpdate(null, stored), Token);

        AssertSameState(stored, await store.ReadAsync(key, Token));
        Assert.Null(await store.ReadAsync(key + "-other", Token));
    }

    private (IQuotaStore Store, string Key) Create(string kind) => (StoreKinds.Create(kind, table), "q#model-" + Guid.NewGuid().ToString("N"));

    /// <summary>The state as a rollover would write it (the test moves the clocks; slot contents stay as they were).</summary>
    private static LedgerState Rolled(LedgerState? state, long? bucket = null, long? leaseBucket = null)
    {
        var next = state!.Clone();
        next.Version++;
        next.Bucket = bucket ?? next.Bucket;
        next.LeaseBucket = leaseBucket ?? next.LeaseBucket;
        return next;
    }

    internal static void AssertSameState(LedgerState expected, LedgerState? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.Bucket, actual.Bucket);
        Assert.Equal(expected.UsedRequests, actual.UsedRequests);
        Assert.Equal(expected.UsedTokens, actual.UsedTokens);
        Assert.Equal(expected.RequestSlots, actual.RequestSlots);
        Assert.Equal(expected.TokenSlots, actual.TokenSlots);
        Assert.Equal(expected.LeaseBucket, actual.LeaseBucket);
        Assert.Equal(expected.ActiveLeases, actual.ActiveLeases);
        Assert.Equal(expected.LeaseSlots, actual.LeaseSlots);
        Assert.Equal(expected.ExpiresAtEpochSeconds, actual.ExpiresAtEpochSeconds);
    }
}
