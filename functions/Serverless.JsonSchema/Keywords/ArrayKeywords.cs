using System.Text.Json;
using Serverless.Schemas.Compilation;
using Serverless.Schemas.Evaluation;

namespace Serverless.Schemas.Keywords;

/// <summary>
/// prefixItems and items together: position i is checked against prefixItems[i], later positions against items.
/// (The draft-07 array form of items with additionalItems compiles to the same thing.)
/// </summary>
internal sealed class ArrayItemsKeyword(string location, IReadOnlyList<SchemaNode> prefixItems, SchemaNode? items) : Keyword(location)
{
    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var valid = true;
        var index = 0;
        foreach (var item in instance.EnumerateArray())
        {
            var schema = index < prefixItems.Count ? prefixItems[index] : items;
            if (schema is null)
            {
                break;
            }

            if (schema.IsFalse && index >= prefixItems.Count)
            {
                return Fail(sink, path, $"has {instance.GetArrayLength()} items; at most {prefixItems.Count} allowed");
            }

            if (!schema.Evaluate(item, path.Index(index), context, sink))
            {
                valid = false;
                if (!KeepGoing(sink))
                {
                    return false;
                }
            }

            index++;
        }

        return valid;
    }
}

/// <summary>minItems / maxItems.</summary>
internal sealed class ItemCountKeyword(string location, bool isMinimum, long limit) : Keyword(location)
{
    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var count = instance.GetArrayLength();
        return isMinimum
            ? count >= limit || Fail(sink, path, $"has {count} items; at least {limit} required")
            : count <= limit || Fail(sink, path, $"has {count} items; at most {limit} allowed");
    }
}

/// <summary><c>uniqueItems</c>: no two items are equal (JSON equality).</summary>
internal sealed class UniqueItemsKeyword(string location) : Keyword(location)
{
    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var items = instance.EnumerateArray().ToList();
        for (var i = 0; i < items.Count; i++)
        {
            for (var j = i + 1; j < items.Count; j++)
            {
                if (JsonEquality.AreEqual(items[i], items[j]))
                {
                    return Fail(sink, path, $"items {i} and {j} are equal ({JsonText.Show(items[i])}); items must be unique");
                }
            }
        }

        return true;
    }
}

/// <summary><c>contains</c> with minContains / maxContains: how many items match the schema (at least one by default).</summary>
internal sealed class ContainsKeyword(string location, SchemaNode schema, long minContains, long? maxContains) : Keyword(location)
{
    public override bool Evaluate(JsonElement instance, InstancePath path, EvaluationContext context, ErrorSink? sink)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var matches = 0;
        var index = 0;
        foreach (var item in instance.EnumerateArray())
        {
            if (schema.Evaluate(item, path.Index(index), context, sink: null))
            {
                matches++;
            }

            index++;
        }

        if (matches < minContains)
        {
            return Fail(sink, path, minContains == 1
                ? "no item matches the contains schema"
                : $"{matches} items match the contains schema; at least {minContains} required");
        }

        return maxContains is not { } max || matches <= max
            || Fail(sink, path, $"{matches} items match the contains schema; at most {max} allowed");
    }
}
