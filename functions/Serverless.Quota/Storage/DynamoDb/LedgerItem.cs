using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Serverless.Quota.Storage.DynamoDb;

/// <summary>
/// How a <see cref="LedgerState"/> is laid out as a DynamoDB item. Names are one or two letters because every byte of
/// every attribute name counts towards the item size on every write (WCU are billed per started KB of the larger of the
/// old and new item); docs/quota-ledger-table.md maps them to their meaning. The rings are lists of numbers: a list
/// element costs one byte plus its number, a top-level attribute per slot would cost its name on top.
/// </summary>
internal static class LedgerItem
{
    public const string PartitionKey = "pk";
    public const string Version = "v";
    public const string Bucket = "b";
    public const string UsedRequests = "ur";
    public const string UsedTokens = "ut";
    public const string RequestSlots = "rs";
    public const string TokenSlots = "ts";
    public const string LeaseBucket = "lb";
    public const string ActiveLeases = "al";
    public const string LeaseSlots = "ls";

    /// <summary>The TTL attribute; the table's TimeToLiveSpecification names it (see <see cref="QuotaTableDefinition"/>).</summary>
    public const string ExpiresAt = "ttl";

    public static Dictionary<string, AttributeValue> Key(string key) => new(1) { [PartitionKey] = new AttributeValue { S = key } };

    public static Dictionary<string, AttributeValue> ToItem(string key, LedgerState state) => new(11)
    {
        [PartitionKey] = new AttributeValue { S = key },
        [Version] = Number(state.Version),
        [Bucket] = Number(state.Bucket),
        [UsedRequests] = Number(state.UsedRequests),
        [UsedTokens] = Number(state.UsedTokens),
        [RequestSlots] = NumberList(state.RequestSlots),
        [TokenSlots] = NumberList(state.TokenSlots),
        [LeaseBucket] = Number(state.LeaseBucket),
        [ActiveLeases] = Number(state.ActiveLeases),
        [LeaseSlots] = NumberList(state.LeaseSlots),
        [ExpiresAt] = Number(state.ExpiresAtEpochSeconds),
    };

    /// <summary>The state an item holds, or null for no item (a failed condition on a missing item returns none).</summary>
    public static LedgerState? FromItem(Dictionary<string, AttributeValue>? item, string tableName)
    {
        if (item is null || item.Count == 0)
        {
            return null;
        }

        return new LedgerState
        {
            Version = ReadNumber(item, Version, tableName),
            Bucket = ReadNumber(item, Bucket, tableName),
            UsedRequests = ReadNumber(item, UsedRequests, tableName),
            UsedTokens = ReadNumber(item, UsedTokens, tableName),
            RequestSlots = ReadNumberList(item, RequestSlots, tableName),
            TokenSlots = ReadNumberList(item, TokenSlots, tableName),
            LeaseBucket = ReadNumber(item, LeaseBucket, tableName),
            ActiveLeases = ReadNumber(item, ActiveLeases, tableName),
            LeaseSlots = ReadNumberList(item, LeaseSlots, tableName),
            ExpiresAtEpochSeconds = ReadNumber(item, ExpiresAt, tableName),
        };
    }

    public static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static AttributeValue NumberList(long[] values)
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
