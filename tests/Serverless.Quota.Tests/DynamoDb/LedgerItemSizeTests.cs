using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Serverless.Quota.Ledger;
using Serverless.Quota.Storage;
using Serverless.Quota.Storage.DynamoDb;

namespace Serverless.Quota.Tests.DynamoDb;

/// <summary>
/// A ledger item with the default rings (241 quarter-second usage slots, packed into one binary value; 92 lease slots
/// where the scope limits concurrency) stays under 1 KB up to about 1.9M TPM without a lease ring, so one admission
/// costs 1 WCU there and 2 with a lease ring; and the fast path's item holds few attribute values (DynamoDB Local's cost of a write grows with them). Sizes are computed by DynamoDB's published
/// rules; the write units are DynamoDB Local's own ConsumedCapacity for the admission UpdateItem.
/// </summary>
public sealed class LedgerItemSizeTests(LedgerTableFixture table) : IClassFixture<LedgerTableFixture>
{
    // A realistic key: an environment prefix and the longest Bedrock ids in use (a cross-region inference profile).
    private const string Key = "prod/q#us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static readonly LedgerGeometry Geometry = new(new QuotaLedgerOptions());

    public static TheoryData<string, int, int> Loads => new()
    {
        // name, expected bytes at most, expected write units
        { "new item, one admission, no concurrency limit", 600, 1 },
        { "busy: 10k RPM, 1.5M TPM spread over the minute, no concurrency limit", 1024, 1 },
        { "busy: 10k RPM, 1.5M TPM, 50 leases", 2048, 2 },
        { "worst case: every slot at 7-digit tokens, 5-digit requests, 3-digit leases", 3072, 3 },
    };

    [Fact]
    public void DefaultRingsAre241UsageSlotsAnd92LeaseSlots()
    {
        Assert.Equal(241, Geometry.WindowSlots);
        Assert.Equal(92, Geometry.LeaseSlots);
    }

    [Theory]
    [MemberData(nameof(Loads))]
    public async Task AnAdmissionCostsTheWriteUnitsOfTheItemSize(string load, int maxBytes, int expectedUnits)
    {
        var token = TestContext.Current.CancellationToken;
        var state = StateFor(load);
        var store = LedgerTable.Store(table.Dynamo.Client, table.TableName);
        var key = Key + "#" + load[0] + state.LeaseSlots.Length % 10; // one item per load in the class's table, a short suffix
        Assert.True((await store.ReplaceAsync(key, new ReplaceUpdate(null, state), token)).Applied);
        var leases = state.LeaseSlots.Length > 0 ? 1 : 0;
        var admission = new AdmitUpdate(state.Bucket, Geometry.Slot(state.Bucket), 1, 4_000, 1_000_000_000, 1_000_000_000_000, state.LeaseBucket, Geometry.LeaseSlot(state.LeaseBucket + 30), leases, long.MaxValue);
        var request = LedgerRequests.Admit(table.TableName, key, admission, returnItem: true);
        request.ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL;

        var response = await table.Dynamo.Client.UpdateItemAsync(request, token);

        var before = ItemSize.Of(LedgerItem.ToItem(key, state));
        var after = ItemSize.Of(response.Attributes);
        TestContext.Current.TestOutputHelper?.WriteLine($"{load}: {before} B before, {after} B after, {response.ConsumedCapacity?.CapacityUnits} WCU");
        Assert.InRange(Math.Max(before, after), 1, maxBytes);
        Assert.Equal(expectedUnits, ItemSize.WriteUnits(before, after));
        Assert.Equal(expectedUnits, response.ConsumedCapacity!.CapacityUnits);
    }

    [Fact]
    public void AnItemWithoutConcurrencyLimitHoldsNineAttributeValues()
    {
        // The usage ring is one binary value: a list element, map entry or attribute per slot would each be a value that
        // DynamoDB (Local) decodes and encodes again on every write (measured: docs/benchmarks.md, quota-latency).
        var state = StateFor("busy: 10k RPM, 1.5M TPM spread over the minute, no concurrency limit");
        var item = LedgerItem.ToItem(Key, state);

        var values = item.Values.Sum(v => v.L?.Count ?? v.M?.Count ?? 0) + item.Count;

        Assert.Equal(["b", "p0", "p1", "pk", "r" + state.Bucket, "rg", "ttl", "ut", "v"], item.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(9, values);
    }

    private static LedgerState StateFor(string load)
    {
        // In the future: the table has TTL on, and DynamoDB Local deletes items whose TTL has passed.
        var now = new DateTimeOffset(2036, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var withLeases = !load.Contains("no concurrency", StringComparison.Ordinal);
        var state = Geometry.Empty(Geometry.Bucket(now), Geometry.LeaseBucket(now), withLeases);
        state.ExpiresAtEpochSeconds = Geometry.ExpiresAtEpochSeconds(state.Bucket, state.LeaseBucket);
        var (requests, tokens, leases) = load switch
        {
            _ when load.StartsWith("new", StringComparison.Ordinal) => (0L, 0L, 0L),
            _ when load.StartsWith("busy", StringComparison.Ordinal) => (10_000L / Geometry.WindowSlots, 1_500_000L / Geometry.WindowSlots, 50L / 92 + 1),
            _ => (99_999L, 9_999_999L, 999L),
        };
        // Real traffic varies from bucket to bucket, and the ring codec writes a steady ring as differences (smaller):
        // the busy rings jitter by a quarter around their mean, and the worst case alternates between two values of
        // the same length whose differences are as long, so neither ring gets the steady ring's discount.
        var random = new Random(17);
        for (var i = 0; i < Geometry.WindowSlots; i++)
        {
            var (slotRequests, slotTokens) = load.StartsWith("worst", StringComparison.Ordinal)
                ? (i % 2 == 0 ? (requests, tokens) : (requests / 2, tokens / 2))
                : (Jitter(requests, random), Jitter(tokens, random));
            state.RequestSlots[i] = slotRequests;
            state.TokenSlots[i] = slotTokens;
        }

        for (var i = 0; i < state.LeaseSlots.Length; i++)
        {
            state.LeaseSlots[i] = leases;
        }

        state.UsedRequests = state.RequestSlots.Sum();
        state.UsedTokens = state.TokenSlots.Sum();
        state.ActiveLeases = leases * state.LeaseSlots.Length;
        state.Version = 123_456;
        return state;
    }

    private static long Jitter(long mean, Random random) => mean == 0 ? 0 : mean - (mean / 4) + random.NextInt64((mean / 2) + 1);
}
