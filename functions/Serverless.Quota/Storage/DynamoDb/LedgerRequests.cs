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
        // The request on every decision's path, so it is as small as DynamoDB allows (docs/benchmarks.md, quota-request-parts):
        // - the bucket check rides on the request limit's term, the request sum being named after the item's bucket
        //   (a missing attribute fails a comparison); without a request limit the sum must still exist under that name,
        //   which checks the bucket the same way and fails on an item of the earlier layout (the store then moves it);
        // - names are written as they are (none is a reserved word), so there is no placeholder to parse;
        // - it touches only numbers, each unlimited maximum is left out, and it neither bumps the version (a rollover is
        //   conditional on the version, and admissions must not make it fail) nor sets the TTL.
        var sum = LedgerItem.RequestSum(update.Bucket);
        var values = new Dictionary<string, AttributeValue>(8)
        {
            [":r"] = LedgerItem.Number(update.RequestCost),
            [":t"] = LedgerItem.Number(update.TokenCost),
            [":p"] = LedgerItem.Number(checked((update.RequestCost * LedgerItem.PairTokenRange) + update.TokenCost)),
        };
        var condition = new StringBuilder();
        if (!AddMaximum(condition, values, sum, ":maxr", update.MaxUsedRequestsBefore))
        {
            condition.Append(CultureInfo.InvariantCulture, $"attribute_exists({sum})");
        }

        AddMaximum(condition, values, LedgerItem.UsedTokens, ":maxt", update.MaxUsedTokensBefore);
        var set = string.Empty;
        var add = $"ADD {sum} :r, {LedgerItem.UsedTokens} :t, {LedgerItem.Pair(update.Bucket)} :p";
        if (update.LeaseCost != 0)
        {
            var leaseSlot = update.LeaseSlot.ToString(CultureInfo.InvariantCulture);
            values[":lb"] = LedgerItem.Number(update.LeaseBucket);
            values[":l"] = LedgerItem.Number(update.LeaseCost);
            condition.Append(CultureInfo.InvariantCulture, $" AND {LedgerItem.LeaseBucket} = :lb AND attribute_exists({LedgerItem.LeaseSlots})");
            AddMaximum(condition, values, LedgerItem.ActiveLeases, ":maxl", update.MaxActiveLeasesBefore);
            // List indexes cannot be placeholders, so the slot is written into the expression text.
            set = $"SET {LedgerItem.LeaseSlots}[{leaseSlot}] = {LedgerItem.LeaseSlots}[{leaseSlot}] + :l ";
            add += $", {LedgerItem.ActiveLeases} :l";
        }

        return new UpdateItemRequest
        {
            TableName = tableName,
            Key = LedgerItem.Key(key),
            ConditionExpression = condition.ToString(),
            UpdateExpression = set + add,
            ExpressionAttributeValues = values,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            ReturnValues = returnItem ? ReturnValue.ALL_NEW : ReturnValue.NONE,
        };
    }

    public static UpdateItemRequest Roll(string tableName, string key, RollUpdate update)
    {
        var next = update.NewState;
        var fromSum = LedgerItem.RequestSum(update.FromBucket);
        var names = new Dictionary<string, string>(16)
        {
            ["#b"] = LedgerItem.Bucket,
            ["#ut"] = LedgerItem.UsedTokens,
            ["#v"] = LedgerItem.Version,
            ["#ttl"] = LedgerItem.ExpiresAt,
        };
        var values = new Dictionary<string, AttributeValue>(24)
        {
            [":fb"] = LedgerItem.Number(update.FromBucket),
            [":v"] = LedgerItem.Number(update.ExpectedVersion),
            [":dr"] = LedgerItem.Number(update.RequestDelta),
            [":dt"] = LedgerItem.Number(update.TokenDelta),
            [":ttl"] = LedgerItem.Number(next.ExpiresAtEpochSeconds),
            [":one"] = One,
        };
        var condition = new StringBuilder("#b = :fb AND #v = :v");
        var set = new StringBuilder("SET #ttl = :ttl");
        // The request sum moves to the name of the new bucket (admissions at the old one then fail); SET reads the
        // stored value as it is when the write applies, so admissions that land meanwhile are carried over.
        var movesBucket = next.Bucket != update.FromBucket;
        var add = new StringBuilder(movesBucket ? " ADD #ut :dt, #v :one" : $" ADD {fromSum} :dr, #ut :dt, #v :one");
        var remove = new StringBuilder();
        var leaseRing = next.LeaseSlots.Length > 0;
        if (leaseRing)
        {
            // Lease-less items have no lease clock, count or ring: fewer attribute values on every write.
            names["#lb"] = LedgerItem.LeaseBucket;
            names["#al"] = LedgerItem.ActiveLeases;
            values[":flb"] = LedgerItem.Number(update.FromLeaseBucket);
            values[":dl"] = LedgerItem.Number(update.LeaseDelta);
            condition.Append(" AND #lb = :flb");
            add.Append(", #al :dl");
        }
        if (update.PinsFromSlot)
        {
            names["#fp"] = LedgerItem.Pair(update.FromBucket);
            values[":fp"] = LedgerItem.Number(LedgerItem.PackPair(update.FromSlotRequests, update.FromSlotTokens));
            condition.Append(" AND #fp = :fp");
        }

        if (movesBucket)
        {
            values[":tb"] = LedgerItem.Number(next.Bucket);
            set.Append(CultureInfo.InvariantCulture, $", #b = :tb, {LedgerItem.RequestSum(next.Bucket)} = {fromSum} + :dr");
            remove.Append(" REMOVE ").Append(fromSum);
            var i = 0;
            foreach (var (name, value) in LedgerItem.UsageAttributes(next, update.KeepsFromSlot ? next.Bucket : next.Bucket - 1))
            {
                names["#u" + i] = name;
                values[":u" + i] = value;
                set.Append(CultureInfo.InvariantCulture, $", #u{i} = :u{i}");
                i++;
            }

            // Settlements the roll folded into the ring text (the version pins them); the kept bucket's stays as it is.
            foreach (var slot in update.FoldedAdjustments)
            {
                names["#x" + slot.ToString(CultureInfo.InvariantCulture)] = LedgerItem.Adjustment(slot);
                remove.Append(", ").Append(CultureInfo.InvariantCulture, $"#x{slot}");
            }
        }

        if (leaseRing && next.LeaseBucket != update.FromLeaseBucket)
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

        if (!AddMaximum(condition, values, fromSum, ":maxr", update.MaxUsedRequestsBefore))
        {
            // The sum must be where the roll reads it from (an item of an earlier version keeps it elsewhere).
            condition.Append(CultureInfo.InvariantCulture, $" AND attribute_exists({fromSum})");
        }

        AddMaximum(condition, values, "#ut", ":maxt", update.MaxUsedTokensBefore);
        AddMaximum(condition, values, "#al", ":maxl", update.MaxActiveLeasesBefore);
        return new UpdateItemRequest
        {
            TableName = tableName,
            Key = LedgerItem.Key(key),
            ConditionExpression = condition.ToString(),
            UpdateExpression = set.ToString() + add + remove,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            // Once per bucket: the new item lets the ledger take its next decisions without a failed write.
            ReturnValues = ReturnValue.ALL_NEW,
        };
    }

    /// <summary>Appends "name &lt;= maximum" unless the maximum is unlimited; true when it did.</summary>
    private static bool AddMaximum(StringBuilder condition, Dictionary<string, AttributeValue> values, string name, string placeholder, long maximum)
    {
        if (maximum == long.MaxValue)
        {
            return false;
        }

        values[placeholder] = LedgerItem.Number(maximum);
        condition.Append(condition.Length == 0 ? string.Empty : " AND ").Append(CultureInfo.InvariantCulture, $"{name} <= {placeholder}");
        return true;
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
            // Admissions do not bump the version, so the clock and the sums they change are pinned too: equal sums at
            // the same bucket mean nothing was admitted meanwhile (a take-back only ever cancels an admission exactly).
            var seen = update.Seen ?? throw new ArgumentException("ReplaceUpdate.Seen is required with ExpectedVersion: the state the new one was computed from.", nameof(update));
            var names = Names(LedgerItem.Version, LedgerItem.Bucket, LedgerItem.UsedTokens);
            names["#r"] = LedgerItem.RequestSum(seen.Bucket);
            var values = new Dictionary<string, AttributeValue>(6)
            {
                [":expected"] = LedgerItem.Number(expected),
                [":b"] = LedgerItem.Number(seen.Bucket),
                [":r"] = LedgerItem.Number(seen.UsedRequests),
                [":ut"] = LedgerItem.Number(seen.UsedTokens),
            };
            var condition = "#v = :expected AND #b = :b AND #r = :r AND #ut = :ut";
            if (seen.LeaseSlots.Length > 0)
            {
                names["#lb"] = LedgerItem.LeaseBucket;
                names["#al"] = LedgerItem.ActiveLeases;
                values[":lb"] = LedgerItem.Number(seen.LeaseBucket);
                values[":al"] = LedgerItem.Number(seen.ActiveLeases);
                condition += " AND #lb = :lb AND #al = :al";
            }

            request.ConditionExpression = condition;
            request.ExpressionAttributeNames = names;
            request.ExpressionAttributeValues = values;
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
        var add = new StringBuilder("ADD #v :one");
        var names = new List<string> { LedgerItem.PartitionKey, LedgerItem.Version };
        var values = new Dictionary<string, AttributeValue>(6) { [":one"] = One };
        string? adjustedSlot = null;
        if (update.TokenSlot is { } tokenSlot)
        {
            // Into the slot's adjustment number, not the ring text (which only rollovers rewrite): x<slot> += delta.
            adjustedSlot = LedgerItem.Adjustment(tokenSlot);
            condition.Append(" AND #b <= :maxb");
            set.Append("#adj = if_not_exists(#adj, :zero) + :t");
            add.Append(", #ut :t");
            names.AddRange([LedgerItem.Bucket, LedgerItem.UsedTokens]);
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
            attributeNames["#adj"] = adjustedSlot;
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

    /// <summary>
    /// Moves the request sum of an item written before it was named after the bucket (<c>ur</c>) onto its new name, once:
    /// added, not set, because an earlier version's write during a deployment can leave <c>ur</c> beside a current sum;
    /// conditional on the old name still being there at the same bucket, so concurrent movers cannot both apply.
    /// </summary>
    public static UpdateItemRequest MoveLegacyRequestSum(string tableName, string key, long bucket) => new()
    {
        TableName = tableName,
        Key = LedgerItem.Key(key),
        ConditionExpression = $"attribute_exists({LedgerItem.LegacyUsedRequests}) AND {LedgerItem.Bucket} = :b",
        UpdateExpression = $"SET {LedgerItem.RequestSum(bucket)} = if_not_exists({LedgerItem.RequestSum(bucket)}, :zero) + {LedgerItem.LegacyUsedRequests} REMOVE {LedgerItem.LegacyUsedRequests}",
        ExpressionAttributeValues = new Dictionary<string, AttributeValue>(2) { [":b"] = LedgerItem.Number(bucket), [":zero"] = LedgerItem.Number(0) },
    };

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
