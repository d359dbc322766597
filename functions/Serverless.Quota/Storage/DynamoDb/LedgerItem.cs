using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Serverless.Quota.Storage.DynamoDb;

/// <summary>
/// How a <see cref="LedgerState"/> is laid out as a DynamoDB item (docs/quota-ledger-table.md). DynamoDB Local's cost
/// of a write grows mostly with the number of attribute values in the item (its bytes add a little; DynamoDB bills
/// them), so the usage ring is ONE binary attribute that only rollovers rewrite; the fast path adds to a handful of numbers:
/// <list type="bullet">
/// <item>the sums (<c>r&lt;bucket&gt;</c>, named after the item's bucket, and <c>ut</c>) and the counters of the
/// item's bucket and the one before it (<c>p0</c> for even buckets, <c>p1</c> for odd; requests and tokens in one number),
/// so a rollover never rewrites the counter that late admissions to the previous bucket still add to;</item>
/// <item><c>rg</c>: the other buckets of the usage ring, packed into one binary value (<see cref="RingCodec"/>; the
/// pairs' slots hold 0);</item>
/// <item><c>x&lt;slot&gt;</c>: settlements' token adjustments since the last rollover, one number per adjusted slot;</item>
/// <item><c>lb</c>, <c>al</c>, <c>ls</c> (the lease ring as a list of numbers): only in items of scopes that limit
/// concurrency.</item>
/// </list>
/// Names are one or two letters (the request sum's, a letter and the bucket) because every byte of every attribute name
/// counts towards the item size.
/// </summary>
internal static class LedgerItem
{
    public const string PartitionKey = "pk";
    public const string Version = "v";
    public const string Bucket = "b";
    public const string UsedTokens = "ut";

    /// <summary>Where items written before <see cref="RequestSum"/> keep their request sum; read, and moved once (<see cref="DynamoDbQuotaStore"/>).</summary>
    public const string LegacyUsedRequests = "ur";
    public const string Ring = "rg";
    public const string AdjustmentPrefix = "x";
    public const string LeaseBucket = "lb";
    public const string ActiveLeases = "al";
    public const string LeaseSlots = "ls";

    /// <summary>The TTL attribute; the table's TimeToLiveSpecification names it (see <see cref="QuotaTableDefinition"/>).</summary>
    public const string ExpiresAt = "ttl";

    /// <summary>
    /// The counters of bucket b live in <c>p0</c> (even b) or <c>p1</c> (odd b), requests and tokens in ONE number,
    /// requests × 10^12 + tokens, so an admission adds both with one ADD (one attribute value fewer to touch). A bucket's
    /// tokens are never negative (refunds go to the adjustments) and stay far below 10^12.
    /// </summary>
    public static string Pair(long bucket) => (bucket & 1) == 0 ? "p0" : "p1";

    public const long PairTokenRange = 1_000_000_000_000;

    public static long PackPair(long requests, long tokens)
    {
        if (tokens is < 0 or >= PairTokenRange)
        {
            throw new ArgumentOutOfRangeException(nameof(tokens), tokens, $"A bucket's tokens must lie in [0, {PairTokenRange}) to share a number with its requests.");
        }

        return checked((requests * PairTokenRange) + tokens);
    }

    public static (long Requests, long Tokens) UnpackPair(long packed)
    {
        var requests = packed >= 0 ? packed / PairTokenRange : -((-packed + PairTokenRange - 1) / PairTokenRange);
        return (requests, packed - (requests * PairTokenRange));
    }

    /// <summary>
    /// The request sum's attribute is named after the item's bucket (<c>r7052000123</c>): an admission's condition on it
    /// then also checks the bucket, since a comparison with a missing attribute fails. One condition term fewer on every
    /// admission (docs/quota-ledger-table.md). Letters and digits only, so expressions can name it without a placeholder.
    /// </summary>
    public static string RequestSum(long bucket)
        => bucket >= 0 ? string.Create(CultureInfo.InvariantCulture, $"r{bucket}") : string.Create(CultureInfo.InvariantCulture, $"rm{-bucket}");

    public static string Adjustment(int slot) => AdjustmentPrefix + slot.ToString(CultureInfo.InvariantCulture);

    public static Dictionary<string, AttributeValue> Key(string key) => new(1) { [PartitionKey] = new AttributeValue { S = key } };

    public static Dictionary<string, AttributeValue> ToItem(string key, LedgerState state)
    {
        var item = new Dictionary<string, AttributeValue>(16)
        {
            [PartitionKey] = new AttributeValue { S = key },
            [Version] = Number(state.Version),
            [Bucket] = Number(state.Bucket),
            [RequestSum(state.Bucket)] = Number(state.UsedRequests),
            [UsedTokens] = Number(state.UsedTokens),
            [ExpiresAt] = Number(state.ExpiresAtEpochSeconds),
        };
        foreach (var (name, value) in UsageAttributes(state, state.Bucket - 1))
        {
            item[name] = value;
        }

        foreach (var (slot, adjustment) in state.TokenAdjustments)
        {
            item[Adjustment(slot)] = Number(adjustment);
        }

        if (state.LeaseSlots.Length > 0)
        {
            item[LeaseBucket] = Number(state.LeaseBucket);
            item[ActiveLeases] = Number(state.ActiveLeases);
            item[LeaseSlots] = NumberList(state.LeaseSlots);
        }

        return item;
    }

    /// <summary>
    /// The usage attributes of <paramref name="state"/> as a rollover or a creation writes them: the ring text and the
    /// pairs of the state's bucket and of <paramref name="otherPairBucket"/> (a rollover by
    /// one bucket leaves the previous bucket's pair alone: pass the state's own bucket then).
    /// </summary>
    public static IEnumerable<(string Name, AttributeValue Value)> UsageAttributes(LedgerState state, long otherPairBucket)
    {
        var slots = state.RequestSlots.Length;
        var requests = (long[])state.RequestSlots.Clone();
        var tokens = (long[])state.TokenSlots.Clone();
        foreach (var (slot, adjustment) in state.TokenAdjustments)
        {
            tokens[slot] -= adjustment;
        }

        // The pairs hold the newest two buckets; the ring text holds 0 in their slots.
        long[] paired = slots == 0 ? [] : otherPairBucket == state.Bucket ? [state.Bucket] : [state.Bucket, state.Bucket - 1];
        foreach (var bucket in paired)
        {
            var slot = SlotOf(bucket, slots);
            yield return (Pair(bucket), Number(PackPair(requests[slot], tokens[slot])));
            requests[slot] = 0;
            tokens[slot] = 0;
        }

        if (otherPairBucket == state.Bucket && slots > 0)
        {
            // The previous bucket keeps its pair (late admissions may still add to it); its slot in the text stays 0.
            var previous = SlotOf(state.Bucket - 1, slots);
            requests[previous] = 0;
            tokens[previous] = 0;
        }

        yield return (Ring, new AttributeValue { B = new MemoryStream(RingCodec.Encode(requests, tokens)) });
    }

    /// <summary>The state an item holds, or null for no item (a failed condition on a missing item returns none).</summary>
    public static LedgerState? FromItem(Dictionary<string, AttributeValue>? item, string tableName)
    {
        if (item is null || item.Count == 0)
        {
            return null;
        }

        var bucket = ReadNumber(item, Bucket, tableName);
        // Both names can hold requests for a moment while a deployment switches over (an earlier version's write to "ur"
        // beside the current sum): the window holds both until the store moves "ur" onto the current sum.
        var usedRequests = HasLegacyRequestSum(item)
            ? ReadNumber(item, LegacyUsedRequests, tableName) + (item.ContainsKey(RequestSum(bucket)) ? ReadNumber(item, RequestSum(bucket), tableName) : 0)
            : ReadNumber(item, RequestSum(bucket), tableName);
        var state = new LedgerState
        {
            Version = ReadNumber(item, Version, tableName),
            Bucket = bucket,
            UsedRequests = usedRequests,
            UsedTokens = ReadNumber(item, UsedTokens, tableName),
            ExpiresAtEpochSeconds = ReadNumber(item, ExpiresAt, tableName),
        };
        if (!item.TryGetValue(Ring, out var ring) || ring.B is null)
        {
            throw Malformed(item, Ring, "is missing or not binary", tableName);
        }

        if (item.ContainsKey(LeaseSlots))
        {
            state.LeaseBucket = ReadNumber(item, LeaseBucket, tableName);
            state.ActiveLeases = ReadNumber(item, ActiveLeases, tableName);
            state.LeaseSlots = ReadNumberList(item, LeaseSlots, tableName);
        }

        (state.RequestSlots, state.TokenSlots) = RingCodec.Decode(ring.B.TryGetBuffer(out var buffer) ? buffer.AsSpan() : ring.B.ToArray())
            ?? throw Malformed(item, Ring, "is not a usage ring (slot count, then requests and tokens per slot)", tableName);
        var slots = state.RequestSlots.Length;
        foreach (var paired in new[] { state.Bucket, state.Bucket - 1 })
        {
            var slot = SlotOf(paired, slots);
            var (requests, tokens) = UnpackPair(ReadNumber(item, Pair(paired), tableName));
            state.RequestSlots[slot] += requests;
            state.TokenSlots[slot] += tokens;
        }

        foreach (var (name, value) in item)
        {
            if (name.StartsWith(AdjustmentPrefix, StringComparison.Ordinal))
            {
                if (!int.TryParse(name.AsSpan(AdjustmentPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var slot) || slot >= slots || value.N is null)
                {
                    throw Malformed(item, name, "is not a settlement adjustment of a ring slot (a number)", tableName);
                }

                var adjustment = ParseNumber(value.N, item, name, tableName);
                state.TokenSlots[slot] += adjustment;
                state.TokenAdjustments[slot] = adjustment;
            }
        }

        return state;
    }

    /// <summary>The item's bucket alone, without decoding the ring.</summary>
    public static long BucketOf(Dictionary<string, AttributeValue> item, string tableName) => ReadNumber(item, Bucket, tableName);

    /// <summary>The item still keeps its request sum where items did before <see cref="RequestSum"/>.</summary>
    public static bool HasLegacyRequestSum([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] Dictionary<string, AttributeValue>? item) => item is not null && item.ContainsKey(LegacyUsedRequests);

    public static int SlotOf(long bucket, int slots) => (int)(((bucket % slots) + slots) % slots);

    public static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue NumberList(long[] values)
    {
        var list = new List<AttributeValue>(values.Length);
        foreach (var value in values)
        {
            list.Add(Number(value));
        }

        return new AttributeValue { L = list };
    }

    private static long ReadNumber(Dictionary<string, AttributeValue> item, string name, string tableName)
    {
        if (!item.TryGetValue(name, out var value) || value.N is null)
        {
            throw Malformed(item, name, "is missing or not a number", tableName);
        }

        return ParseNumber(value.N, item, name, tableName);
    }

    private static long[] ReadNumberList(Dictionary<string, AttributeValue> item, string name, string tableName)
    {
        if (!item.TryGetValue(name, out var value) || value.L is null)
        {
            throw Malformed(item, name, "is missing or not a list", tableName);
        }

        var result = new long[value.L.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var element = value.L[i].N ?? throw Malformed(item, name, $"has a non-number at index {i}", tableName);
            result[i] = ParseNumber(element, item, name, tableName);
        }

        return result;
    }

    private static long ParseNumber(string text, Dictionary<string, AttributeValue> item, string name, string tableName)
        => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Malformed(item, name, $"holds '{text}', not a whole number", tableName);

    // A malformed item means someone else wrote to the table: the ledger cannot decide on it, so the store is unavailable.
    private static QuotaStoreUnavailableException Malformed(Dictionary<string, AttributeValue> item, string name, string problem, string tableName)
    {
        var key = item.TryGetValue(PartitionKey, out var pk) ? pk.S : "(no key)";
        return new QuotaStoreUnavailableException($"Quota ledger item '{key}' in DynamoDB table '{tableName}': attribute '{name}' {problem}.");
    }
}
