using Serverless.Quota.Ledger;
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
        var stored = LedgerStates.Empty(100, 10, version: 4);
        await store.ReplaceAsync(key, new ReplaceUpdate(null, stored), Token);
        var rolled = LedgerStates.Empty(bucket: 130, leaseBucket: 13, version: 5);

        var stale = await store.ReplaceAsync(key, new ReplaceUpdate(3, rolled) { Seen = stored }, Token);
        var current = await store.ReplaceAsync(key, new ReplaceUpdate(4, rolled) { Seen = stored }, Token);

        Assert.False(stale.Applied);
        Assert.Equal(4, stale.Current!.Version);
        Assert.Equal(100, stale.Current.Bucket);
        Assert.True(current.Applied);
        AssertSameState(rolled, await store.ReadAsync(key, Token));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task ReplaceWithExpectedVersionFailsWhenAnAdmissionLandedSinceTheLedgerSawTheItem(string kind)
    {
        // Admissions do not bump the version: the rewrite must still not erase one.
        var (store, key) = Create(kind);
        var stored = LedgerStates.Empty(100, 10, version: 4);
        await store.ReplaceAsync(key, new ReplaceUpdate(null, stored), Token);
        await store.AdmitAsync(key, LedgerStates.Admission(100, 10, tokens: 5), Token);

        var outcome = await store.ReplaceAsync(key, new ReplaceUpdate(4, LedgerStates.Empty(130, 13, version: 5)) { Seen = stored }, Token);

        Assert.False(outcome.Applied);
        Assert.Equal((4L, 1L), (outcome.Current!.Version, outcome.Current.UsedRequests));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task ReplaceWithExpectedVersionOnAMissingItemFailsWithNoCurrent(string kind)
    {
        var (store, key) = Create(kind);

        var outcome = await store.ReplaceAsync(key, new ReplaceUpdate(1, LedgerStates.Empty(100, 10, version: 2)) { Seen = LedgerStates.Empty(100, 10) }, Token);

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
    public async Task AdmitLeavesTheTimeToLiveAndTheVersionAlone(string kind)
    {
        // The creation or rollover that put the item at this bucket set the TTL for everything admitted in it.
        var (store, key) = Create(kind);
        var stored = LedgerStates.Empty(100, 10, version: 1);
        stored.ExpiresAtEpochSeconds = 2_000_000_900;
        stored.Version = 4;
        await store.ReplaceAsync(key, new ReplaceUpdate(null, stored), Token);

        var outcome = await store.AdmitAsync(key, LedgerStates.Admission(100, 10, tokens: 50), Token);

        Assert.True(outcome.Applied);
        var state = await store.ReadAsync(key, Token);
        Assert.Equal(2_000_000_900, state!.ExpiresAtEpochSeconds);
        Assert.Equal(4, state.Version);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AdmitWithoutALeaseIgnoresTheLeaseClockAndNeedsNoLeaseRing(string kind)
    {
        var (store, key) = Create(kind);
        await store.ReplaceAsync(key, new ReplaceUpdate(null, LedgerStates.Empty(100, 10, leaseRing: false)), Token);
        var withoutLease = LedgerStates.Admission(100, 7, tokens: 50) with { LeaseCost = 0, MaxActiveLeasesBefore = long.MaxValue };

        var admitted = await store.AdmitAsync(key, withoutLease, Token);
        var withLease = await store.AdmitAsync(key, LedgerStates.Admission(100, 10, tokens: 50), Token);

        Assert.True(admitted.Applied);
        Assert.False(withLease.Applied); // no lease ring to count it in: the ledger rewrites the item with one
        var state = await store.ReadAsync(key, Token);
        Assert.Equal(1, state!.UsedRequests);
        Assert.Equal(50, state.TokenSlots[LedgerStates.Slot(100)]);
        Assert.Empty(state.LeaseSlots);
        Assert.Equal(0, state.ActiveLeases);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AdmitAddsTheCostsToTheSumsAndToTheirSlotsAndLeavesTheVersion(string kind)
    {
        var (store, key) = Create(kind);
        await store.ReplaceAsync(key, new ReplaceUpdate(null, LedgerStates.Empty(100, 10, version: 7)), Token);
        var admission = LedgerStates.Admission(100, 10, tokens: 1_250);

        var first = await store.AdmitAsync(key, admission, Token);
        var second = await store.AdmitAsync(key, admission with { TokenCost = 40, MaxUsedTokensBefore = 100_000 - 40 }, Token);
        var state = await store.ReadAsync(key, Token);

        Assert.True(first.Applied);
        Assert.True(second.Applied);
        Assert.NotNull(state);
        AssertSameState(state, second.Current); // the item after the write comes back with it (no read)
        Assert.Equal(7, first.Current!.Version);
        Assert.Equal(7, state.Version);
        Assert.Equal(2, state.UsedRequests);
        Assert.Equal(1_290, state.UsedTokens);
        Assert.Equal(2, state.RequestSlots[admission.Slot]);
        Assert.Equal(1_290, state.TokenSlots[admission.Slot]);
        Assert.Equal(2, state.RequestSlots.Sum());
        Assert.Equal(1_290, state.TokenSlots.Sum());
        Assert.Equal(2, state.ActiveLeases);
        Assert.Equal(2, state.LeaseSlots[admission.LeaseSlot]);
        Assert.Equal(2, state.LeaseSlots.Sum());
        Assert.Equal(2_000_000_000, state.ExpiresAtEpochSeconds);
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
    public async Task AdmitWithoutAnyLimitStillFailsWhenTheRingClockDiffers(string kind)
    {
        // Take-backs send maxima of long.MaxValue: no sum is compared, and the bucket must still be checked.
        var (store, key) = Create(kind);
        var stored = LedgerStates.Empty(100, 10, leaseRing: false);
        await store.ReplaceAsync(key, new ReplaceUpdate(null, stored), Token);
        var unlimited = NoLease(101, tokens: 5) with { MaxUsedRequestsBefore = long.MaxValue, MaxUsedTokensBefore = long.MaxValue };

        var later = await store.AdmitAsync(key, unlimited, Token);
        var tokensOnly = await store.AdmitAsync(key, unlimited with { MaxUsedTokensBefore = 1_000 }, Token);
        var atItsBucket = await store.AdmitAsync(key, unlimited with { Bucket = 100, Slot = LedgerStates.Slot(100) }, Token);

        Assert.False(later.Applied);
        Assert.False(tokensOnly.Applied);
        AssertSameState(stored, later.Current);
        Assert.True(atItsBucket.Applied);
        var state = await store.ReadAsync(key, Token);
        Assert.Equal((1L, 5L), (state!.UsedRequests, state.UsedTokens));
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
        var exact = new AdmitUpdate(100, 5, 1, 100, MaxUsedRequestsBefore: 9, MaxUsedTokensBefore: 900, 10, 3, 1, MaxActiveLeasesBefore: 4);

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
    public async Task RollByOneBucketKeepsAdmissionsThatLandedMeanwhileInTheOldBucket(string kind)
    {
        var (store, key) = Create(kind);
        await store.ReplaceAsync(key, new ReplaceUpdate(null, LedgerStates.Empty(100, 10, leaseRing: false)), Token);
        var seen = (await store.AdmitAsync(key, NoLease(100, tokens: 10), Token)).Current!;
        var roll = RollOf(seen, bucket: 101, leaseBucket: 10, new ItemCost(1, 20, 0));

        var late = await store.AdmitAsync(key, NoLease(100, tokens: 5), Token); // lands between the ledger's view and its roll
        var rolled = await store.RollAsync(key, roll, Token);
        var tooLate = await store.AdmitAsync(key, NoLease(100, tokens: 5), Token);

        Assert.True(late.Applied);
        Assert.True(rolled.Applied);
        Assert.False(tooLate.Applied);
        var state = await store.ReadAsync(key, Token);
        AssertSameState(state!, rolled.Current);
        Assert.Equal((101L, 3L, 35L, 2L), (state!.Bucket, state.UsedRequests, state.UsedTokens, state.Version));
        Assert.Equal((2L, 15L), (state.RequestSlots[LedgerStates.Slot(100)], state.TokenSlots[LedgerStates.Slot(100)]));
        Assert.Equal((1L, 20L), (state.RequestSlots[LedgerStates.Slot(101)], state.TokenSlots[LedgerStates.Slot(101)]));
        Assert.Equal(roll.NewState.ExpiresAtEpochSeconds, state.ExpiresAtEpochSeconds);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task RollFailsWhenASettlementOrAnotherRollLandedSinceTheLedgerSawTheItem(string kind)
    {
        var (store, key) = Create(kind);
        await store.ReplaceAsync(key, new ReplaceUpdate(null, LedgerStates.Empty(100, 10, leaseRing: false)), Token);
        var seen = (await store.AdmitAsync(key, NoLease(100, tokens: 10), Token)).Current!;
        var roll = RollOf(seen, bucket: 101, leaseBucket: 10, new ItemCost(1, 20, 0));

        Assert.True((await store.AdjustAsync(key, new AdjustUpdate(LedgerStates.Slot(100), -4, 160, null, 0, 0), Token)).Applied);
        var afterSettlement = await store.RollAsync(key, roll, Token);
        var current = afterSettlement.Current!;
        var second = RollOf(current, bucket: 101, leaseBucket: 10, new ItemCost(1, 20, 0));
        var first = await store.RollAsync(key, second, Token);
        var again = await store.RollAsync(key, second, Token);

        Assert.False(afterSettlement.Applied);
        Assert.Equal(2, current.Version); // created at 1, bumped by the settlement only
        Assert.True(first.Applied);
        Assert.False(again.Applied); // the clock moved: a second roll from 100 must not subtract or admit again
        Assert.Equal((101L, 2L, 26L), (again.Current!.Bucket, again.Current.UsedRequests, again.Current.UsedTokens));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task RollOverSeveralBucketsRewritesTheOldBucketOnlyIfItHoldsWhatTheLedgerSaw(string kind)
    {
        var (store, key) = Create(kind);
        await store.ReplaceAsync(key, new ReplaceUpdate(null, LedgerStates.Empty(100, 10, leaseRing: false)), Token);
        var seen = (await store.AdmitAsync(key, NoLease(100, tokens: 10), Token)).Current!;
        var roll = RollOf(seen, bucket: 103, leaseBucket: 10, new ItemCost(1, 20, 0));

        await store.AdmitAsync(key, NoLease(100, tokens: 5), Token);
        var stale = await store.RollAsync(key, roll, Token);
        var fresh = await store.RollAsync(key, RollOf(stale.Current!, bucket: 103, leaseBucket: 10, new ItemCost(1, 20, 0)), Token);

        Assert.False(stale.Applied);
        Assert.True(fresh.Applied);
        var state = await store.ReadAsync(key, Token);
        Assert.Equal((103L, 3L, 35L), (state!.Bucket, state.UsedRequests, state.UsedTokens));
        Assert.Equal(15, state.TokenSlots[LedgerStates.Slot(100)]);
        Assert.Equal(20, state.TokenSlots[LedgerStates.Slot(103)]);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task RollFoldsSettlementsIntoTheRingAndExpiresTheBucketsThatLeaveTheWindow(string kind)
    {
        var (store, key) = Create(kind);
        var stored = LedgerStates.Empty(130, 10, leaseRing: false);
        stored.TokenSlots[LedgerStates.Slot(70)] = 700; // leaves the window when the clock reaches 131
        stored.TokenSlots[LedgerStates.Slot(100)] = 1_000;
        stored.RequestSlots[LedgerStates.Slot(70)] = 1;
        stored.RequestSlots[LedgerStates.Slot(100)] = 1;
        (stored.UsedRequests, stored.UsedTokens) = (2, 1_700);
        await store.ReplaceAsync(key, new ReplaceUpdate(null, stored), Token);
        await store.AdmitAsync(key, NoLease(130, tokens: 50), Token);
        await store.AdjustAsync(key, new AdjustUpdate(LedgerStates.Slot(100), -600, 160, null, 0, 0), Token);
        var seen = (await store.AdjustAsync(key, new AdjustUpdate(LedgerStates.Slot(130), -20, 190, null, 0, 0), Token)).Current!;

        var rolled = await store.RollAsync(key, RollOf(seen, bucket: 131, leaseBucket: 10, new ItemCost(1, 8, 0)), Token);

        Assert.True(rolled.Applied);
        var state = await store.ReadAsync(key, Token);
        Assert.Equal((3L, 400L + 30 + 8), (state!.UsedRequests, state.UsedTokens));
        Assert.Equal(400, state.TokenSlots[LedgerStates.Slot(100)]);
        Assert.Equal(30, state.TokenSlots[LedgerStates.Slot(130)]);
        Assert.Equal([new KeyValuePair<int, long>(LedgerStates.Slot(130), -20)], state.TokenAdjustments); // the kept bucket's own
        Assert.Equal(8, state.TokenSlots[LedgerStates.Slot(131)]);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task RollRewritesTheLeaseRingOnlyIfItStillHoldsWhatTheLedgerSaw(string kind)
    {
        var (store, key) = Create(kind);
        await store.ReplaceAsync(key, new ReplaceUpdate(null, LedgerStates.Empty(100, 10)), Token);
        var expiring = LedgerStates.Admission(100, 10, tokens: 10) with { LeaseSlot = LedgerStates.LeaseSlot(11) };
        var seen = (await store.AdmitAsync(key, expiring, Token)).Current!;
        var roll = RollOf(seen, bucket: 100, leaseBucket: 11, new ItemCost(1, 10, 1), LedgerStates.LeaseSlot(13));

        await store.AdmitAsync(key, expiring, Token); // one more lease in the ring the roll rewrites
        var stale = await store.RollAsync(key, roll, Token);
        var fresh = await store.RollAsync(key, RollOf(stale.Current!, bucket: 100, leaseBucket: 11, new ItemCost(1, 10, 1), LedgerStates.LeaseSlot(13)), Token);

        Assert.False(stale.Applied);
        Assert.True(fresh.Applied);
        var state = await store.ReadAsync(key, Token);
        Assert.Equal((11L, 1L, 3L), (state!.LeaseBucket, state.ActiveLeases, state.UsedRequests));
        Assert.Equal(0, state.LeaseSlots[LedgerStates.LeaseSlot(11)]);
        Assert.Equal(1, state.LeaseSlots[LedgerStates.LeaseSlot(13)]);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AdjustRefundsTokensIntoTheReservationSlotWhileItIsInTheWindow(string kind)
    {
        var (store, key) = Create(kind);
        await store.ReplaceAsync(key, new ReplaceUpdate(null, LedgerStates.Empty(100, 10)), Token);
        var admission = LedgerStates.Admission(100, 10, tokens: 1_000);
        await store.AdmitAsync(key, admission, Token);
        var admitted = await store.ReadAsync(key, Token);
        await store.ReplaceAsync(key, new ReplaceUpdate(admitted!.Version, Rolled(admitted, bucket: 130)) { Seen = admitted }, Token);

        var refund = await store.AdjustAsync(key, new AdjustUpdate(admission.Slot, -600, MaxBucketForTokens: 160, null, 0, 0), Token);
        var state = await store.ReadAsync(key, Token);

        Assert.True(refund.Applied);
        AssertSameState(state!, refund.Current);
        Assert.Equal(400, state!.UsedTokens);
        Assert.Equal(400, state.TokenSlots[admission.Slot]);
        Assert.Equal(1, state.UsedRequests);
        Assert.Equal(1, state.ActiveLeases);
        Assert.Equal(3, state.Version); // created 1, rewritten 2, settled 3
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
        await store.ReplaceAsync(key, new ReplaceUpdate(afterRelease!.Version, Rolled(afterRelease, leaseBucket: 13)) { Seen = afterRelease }, Token);
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
        stored.TokenSlots[7] = 900;
        stored.TokenAdjustments[7] = -100;
        stored.LeaseSlots[91] = 12;
        stored.ExpiresAtEpochSeconds = 1_978_000_123;

        await store.ReplaceAsync(key, new ReplaceUpdate(null, stored), Token);

        AssertSameState(stored, await store.ReadAsync(key, Token));
        Assert.Null(await store.ReadAsync(key + "-other", Token));
    }

    private static readonly LedgerGeometry Geometry = new(new QuotaLedgerOptions { BucketWidth = TimeSpan.FromSeconds(1) }); // LedgerStates' 61 slots

    private static AdmitUpdate NoLease(long bucket, long tokens)
        => LedgerStates.Admission(bucket, 10, tokens) with { LeaseCost = 0, MaxActiveLeasesBefore = long.MaxValue };

    /// <summary>The rollover the ledger would send from <paramref name="seen"/> with one admission of <paramref name="cost"/>.</summary>
    private static RollUpdate RollOf(LedgerState seen, long bucket, long leaseBucket, ItemCost cost, int? leaseSlot = null)
    {
        var next = Geometry.Rollover(seen, bucket, leaseBucket);
        LedgerGeometry.Apply(next, cost, Geometry.Slot(bucket), leaseSlot ?? 0);
        next.ExpiresAtEpochSeconds = 2_000_000_000 + bucket;
        var fromSlot = Geometry.Slot(seen.Bucket);
        return new RollUpdate(
            seen.Bucket,
            seen.LeaseBucket,
            seen.Version,
            next,
            seen.RequestSlots[fromSlot],
            seen.TokenSlots[fromSlot] - seen.TokenAdjustments.GetValueOrDefault(fromSlot),
            next.UsedRequests - seen.UsedRequests,
            next.UsedTokens - seen.UsedTokens,
            next.ActiveLeases - seen.ActiveLeases,
            long.MaxValue,
            long.MaxValue,
            long.MaxValue,
            seen.LeaseSlots.Length == 0 || (leaseSlot is null && leaseBucket == seen.LeaseBucket) ? null : seen.LeaseSlots,
            [.. seen.TokenAdjustments.Keys.Where(slot => !next.TokenAdjustments.ContainsKey(slot))]);
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
        Assert.Equal(expected.TokenAdjustments.OrderBy(a => a.Key), actual.TokenAdjustments.OrderBy(a => a.Key));
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
