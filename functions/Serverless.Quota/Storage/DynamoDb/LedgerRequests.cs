using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Serverless.Quota.Storage.DynamoDb;

/// <summary>
/// Turns each ledger update into its ONE DynamoDB request. Conditions compare stored sums with maxima the ledger
/// computed (a condition cannot add), and every failed condition returns the stored item (ALL_OLD) so the ledger
/// never reads before it writes. docs/quota-ledger-table.md lists the resulting expressions.
/// </summary>
internal static class LedgerRequests
{
    private static readonly AttributeValue One = LedgerItem.Number(1);

    public static UpdateItemRequest Admit(string tableName, string key, AdmitUpdate update, bool returnItem)
    {
        // The fast path touches only numbers: DynamoDB's cost of a write grows with the attribute values it touches and
        // holds, so the condition is on the sums alone and each unlimited maximum is left out.
        var names = new Dictionary<string, string>(8)
        {
            ["#b"] = LedgerItem.Bucket,
            ["#ur"] = LedgerItem.UsedRequests,
            ["#ut"] = LedgerItem.UsedTokens,
            ["#pr"] = LedgerItem.PairRequests(update.Bucket),
            ["#pt"] = LedgerItem.PairTokens(update.Bucket),
            ["#v"] = LedgerItem.Version,
        };
        var values = new Dictionary<string, AttributeValue>(9)
        {
            [":b"] = LedgerItem.Number(update.Bucket),
            [":r"] = LedgerItem.Number(update.RequestCost),
            [":t"] = LedgerItem.Number(update.TokenCost),
            [":one"] = One,
        };
        var condition = new StringBuilder("#b = :b");
        AddMaximum(condition, values, "#ur", ":maxr", update.MaxUsedRequestsBefore);
        AddMaximum(condition, values, "#ut", ":maxt", update.MaxUsedTokensBefore);
        var set = string.Empty;
        var add = "ADD #ur :r, #ut :t, #pr :r, #pt :t, #v :one";
        if (update.LeaseCost != 0)
        {
            var leaseSlot = update.LeaseSlot.ToString(CultureInfo.InvariantCulture);
            names["#lb"] = LedgerItem.LeaseBucket;
            names["#al"] = LedgerItem.ActiveLeases;
            names["#ls"] = LedgerItem.LeaseSlots;
            values[":lb"] = LedgerItem.Number(update.LeaseBucket);
            values[":l"] = LedgerItem.Number(update.LeaseCost);
            condition.Append(" AND #lb = :lb AND attribute_exists(#ls)");
            AddMaximum(condition, values, "#al", ":maxl", update.MaxActiveLeasesBefore);
            // List indexes cannot be placeholders, so the slot is written into the expression text.
            set = $"SET #ls[{leaseSlot}] = #ls[{leaseSlot}] + :l ";
            add += ", #al :l";
        }

        return new UpdateItemRequest
        {
            TableName = tableName,
            Key = LedgerItem.Key(key),
            ConditionExpression = condition.ToString(),
            UpdateExpression = set + add,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            ReturnValues = returnItem ? ReturnValue.ALL_NEW : ReturnValue.NONE,
        };
    }

    public static UpdateItemRequest Roll(string tableName, string key, RollUpdate update)
    {
        var next = update.NewState;
        var names = new Dictionary<string, string>(16)
        {
            ["#b"] = LedgerItem.Bucket,
            ["#lb"] = LedgerItem.LeaseBucket,
            ["#sv"] = LedgerItem.SettlementVersion,
            ["#ur"] = LedgerItem.UsedRequests,
            ["#ut"] = LedgerItem.UsedTokens,
            ["#al"] = LedgerItem.ActiveLeases,
            ["#v"] = LedgerItem.Version,
            ["#ttl"] = LedgerItem.ExpiresAt,
        };
        var values = new Dictionary<string, AttributeValue>(24)
        {
            [":fb"] = LedgerItem.Number(update.FromBucket),
            [":flb"] = LedgerItem.Number(update.FromLeaseBucket),
            [":sv"] = LedgerItem.Number(update.ExpectedSettlementVersion),
            [":dr"] = LedgerItem.Number(update.RequestDelta),
            [":dt"] = LedgerItem.Number(update.TokenDelta),
            [":dl"] = LedgerItem.Number(update.LeaseDelta),
            [":ttl"] = LedgerItem.Number(next.ExpiresAtEpochSeconds),
            [":one"] = One,
        };
        var condition = new StringBuilder("#b = :fb AND #lb = :flb AND #sv = :sv");
        var set = new StringBuilder("SET #ttl = :ttl");
        if (update.PinsFromSlot)
        {
            names["#fr"] = LedgerItem.PairRequests(update.FromBucket);
            names["#ft"] = LedgerItem.PairTokens(update.FromBucket);
            values[":fr"] = LedgerItem.Number(update.FromSlotRequests);
            values[":ft"] = LedgerItem.Number(update.FromSlotTokens);
            condition.Append(" AND #fr = :fr AND #ft = :ft");
        }

        if (next.Bucket != update.FromBucket)
        {
            values[":tb"] = LedgerItem.Number(next.Bucket);
            set.Append(", #b = :tb");
            var i = 0;
            foreach (var (name, value) in LedgerItem.UsageAttributes(next, update.KeepsFromSlot ? next.Bucket : next.Bucket - 1))
            {
                names["#u" + i] = name;
                values[":u" + i] = value;
                set.Append(CultureInfo.InvariantCulture, $", #u{i} = :u{i}");
                i++;
            }
        }

        if (next.LeaseBucket != update.FromLeaseBucket)
        {
            values[":tlb"] = LedgerItem.Number(next.LeaseBucket);
            set.Append(", #lb = :tlb");
        }

        if (update.ExpectedLeaseSlots is { } expected)
        {
            // One write cannot update two elements of one list, so the lease ring is rewritten whole, conditional on it.
            names["#ls"] = LedgerItem.LeaseSlots;
            values[":els"] = LedgerItem.NumberList(expected);
            values[":nls"] = LedgerItem.NumberList(next.LeaseSlots);
            condition.Append(" AND #ls = :els");
            set.Append(", #ls = :nls");
        }

        AddMaximum(condition, values, "#ur", ":maxr", update.MaxUsedRequestsBefore);
        AddMaximum(condition, values, "#ut", ":maxt", update.MaxUsedTokensBefore);
        AddMaximum(condition, values, "#al", ":maxl", update.MaxActiveLeasesBefore);
        return new UpdateItemRequest
        {
            TableName = tableName,
            Key = LedgerItem.Key(key),
            ConditionExpression = condition.ToString(),
            UpdateExpression = set + " ADD #ur :dr, #ut :dt, #al :dl, #v :one",
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            // Once per bucket: the new item lets the ledger take its next decisions without a failed write.
            ReturnValues = ReturnValue.ALL_NEW,
        };
    }

    private static void AddMaximum(StringBuilder condition, Dictionary<string, AttributeValue> values, string name, string placeholder, long maximum)
    {
        if (maximum != long.MaxValue)
        {
            values[placeholder] = LedgerItem.Number(maximum);
            condition.Append(CultureInfo.InvariantCulture, $" AND {name} <= {placeholder}");
        }
    }

    public static PutItemRequest Replace(string tableName, string key, ReplaceUpdate update)
    {
        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = LedgerItem.ToItem(key, update.NewState),
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        if (update.ExpectedVersion is { } expected)
        {
            request.ConditionExpression = "#v = :expected";
            request.ExpressionAttributeNames = Names(LedgerItem.Version);
            request.ExpressionAttributeValues = new Dictionary<string, AttributeValue>(1) { [":expected"] = LedgerItem.Number(expected) };
        }
        else
        {
            request.ConditionExpression = "attribute_not_exists(#pk)";
            request.ExpressionAttributeNames = Names(LedgerItem.PartitionKey);
        }

        return request;
    }

    public static UpdateItemRequest Adjust(string tableName, string key, AdjustUpdate update, bool returnItem)
    {
        var condition = new StringBuilder("attribute_exists(#pk)");
        var set = new StringBuilder();
        var add = new StringBuilder("ADD #v :one, #sv :one");
        var names = new List<string> { LedgerItem.PartitionKey, LedgerItem.Version, LedgerItem.SettlementVersion };
        var values = new Dictionary<string, AttributeValue>(6) { [":one"] = One };
        string? adjustedSlot = null;
        if (update.TokenSlot is { } tokenSlot)
        {
            // Into the adjustments map, not the ring text (which only rollovers rewrite): rf.<slot> += delta.
            adjustedSlot = tokenSlot.ToString(CultureInfo.InvariantCulture);
            condition.Append(" AND #b <= :maxb");
            set.Append("#rf.#slot = if_not_exists(#rf.#slot, :zero) + :t");
            add.Append(", #ut :t");
            names.AddRange([LedgerItem.Bucket, LedgerItem.Adjustments, LedgerItem.UsedTokens]);
            values[":maxb"] = LedgerItem.Number(update.MaxBucketForTokens);
            values[":t"] = LedgerItem.Number(update.TokenDelta);
            values[":zero"] = LedgerItem.Number(0);
        }

        if (update.LeaseSlot is { } leaseSlot)
        {
            var slot = leaseSlot.ToString(CultureInfo.InvariantCulture);
            condition.Append(" AND #lb < :expiry");
            set.Append(set.Length == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"#ls[{slot}] = #ls[{slot}] + :l");
            add.Append(", #al :l");
            names.AddRange([LedgerItem.LeaseBucket, LedgerItem.LeaseSlots, LedgerItem.ActiveLeases]);
            values[":expiry"] = LedgerItem.Number(update.LeaseExpiryBucket);
            values[":l"] = LedgerItem.Number(update.LeaseDelta);
        }

        var attributeNames = Names([.. names]);
        if (adjustedSlot is not null)
        {
            attributeNames["#slot"] = adjustedSlot;
        }

        return new UpdateItemRequest
        {
            TableName = tableName,
            Key = LedgerItem.Key(key),
            ConditionExpression = condition.ToString(),
            UpdateExpression = set.Length == 0 ? add.ToString() : "SET " + set + " " + add,
            ExpressionAttributeNames = attributeNames,
            ExpressionAttributeValues = values,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            ReturnValues = returnItem ? ReturnValue.ALL_NEW : ReturnValue.NONE,
        };
    }

    public static GetItemRequest Read(string tableName, string key) => new()
    {
        TableName = tableName,
        Key = LedgerItem.Key(key),
        // Status queries should show what admissions see; a strongly consistent read of an item under 4 KB costs 1 RCU.
        ConsistentRead = true,
    };

    private static Dictionary<string, string> Names(params string[] attributes)
    {
        var names = new Dictionary<string, string>(attributes.Length);
        foreach (var attribute in attributes)
        {
            names["#" + attribute] = attribute;
        }

        return names;
    }
}
