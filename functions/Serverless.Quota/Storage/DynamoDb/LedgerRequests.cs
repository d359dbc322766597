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
        // List indexes cannot be placeholders, so each slot is written into the expression text.
        var slot = update.Slot.ToString(CultureInfo.InvariantCulture);
        var leaseSlot = update.LeaseSlot.ToString(CultureInfo.InvariantCulture);
        return new UpdateItemRequest
        {
            TableName = tableName,
            Key = LedgerItem.Key(key),
            ConditionExpression = "attribute_exists(#pk) AND #b = :b AND #lb = :lb AND #ur <= :maxr AND #ut <= :maxt AND #al <= :maxl",
            UpdateExpression =
                $"SET #rs[{slot}] = #rs[{slot}] + :r, #ts[{slot}] = #ts[{slot}] + :t, #ls[{leaseSlot}] = #ls[{leaseSlot}] + :l, #ttl = :ttl " +
                "ADD #ur :r, #ut :t, #al :l, #v :one",
            ExpressionAttributeNames = Names(
                LedgerItem.PartitionKey, LedgerItem.Bucket, LedgerItem.LeaseBucket, LedgerItem.UsedRequests, LedgerItem.UsedTokens,
                LedgerItem.ActiveLeases, LedgerItem.RequestSlots, LedgerItem.TokenSlots, LedgerItem.LeaseSlots, LedgerItem.ExpiresAt,
                LedgerItem.Version),
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>(10)
            {
                [":b"] = LedgerItem.Number(update.Bucket),
                [":lb"] = LedgerItem.Number(update.LeaseBucket),
                [":maxr"] = LedgerItem.Number(update.MaxUsedRequestsBefore),
                [":maxt"] = LedgerItem.Number(update.MaxUsedTokensBefore),
                [":maxl"] = LedgerItem.Number(update.MaxActiveLeasesBefore),
                [":r"] = LedgerItem.Number(update.RequestCost),
                [":t"] = LedgerItem.Number(update.TokenCost),
                [":l"] = LedgerItem.Number(update.LeaseCost),
                [":ttl"] = LedgerItem.Number(update.ExpiresAtEpochSeconds),
                [":one"] = One,
            },
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            ReturnValues = returnItem ? ReturnValue.ALL_NEW : ReturnValue.NONE,
        };
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
        var add = new StringBuilder("ADD #v :one");
        var names = new List<string> { LedgerItem.PartitionKey, LedgerItem.Version };
        var values = new Dictionary<string, AttributeValue>(5) { [":one"] = One };
        if (update.TokenSlot is { } tokenSlot)
        {
            var slot = tokenSlot.ToString(CultureInfo.InvariantCulture);
            condition.Append(" AND #b <= :maxb");
            set.Append(CultureInfo.InvariantCulture, $"#ts[{slot}] = #ts[{slot}] + :t");
            add.Append(", #ut :t");
            names.AddRange([LedgerItem.Bucket, LedgerItem.TokenSlots, LedgerItem.UsedTokens]);
            values[":maxb"] = LedgerItem.Number(update.MaxBucketForTokens);
            values[":t"] = LedgerItem.Number(update.TokenDelta);
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

        return new UpdateItemRequest
        {
            TableName = tableName,
            Key = LedgerItem.Key(key),
            ConditionExpression = condition.ToString(),
            UpdateExpression = set.Length == 0 ? add.ToString() : "SET " + set + " " + add,
            ExpressionAttributeNames = Names([.. names]),
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
