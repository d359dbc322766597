using System.Text.Json;

namespace Serverless.Schemas.Evaluation;

/// <summary>
/// JSON Schema's equality (enum, const, uniqueItems): numbers by value (1 equals 1.0), strings by code units, arrays
/// element-wise in order, objects by the same property names with equal values in any order.
/// </summary>
internal static class JsonEquality
{
    public static bool AreEqual(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Number:
                return JsonNumber.Compare(JsonNumber.From(a), JsonNumber.From(b)) == 0;
            case JsonValueKind.String:
                return a.ValueEquals(b.GetString());
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength())
                {
                    return false;
                }

                using (var left = a.EnumerateArray())
                using (var right = b.EnumerateArray())
                {
                    while (left.MoveNext() && right.MoveNext())
                    {
                        if (!AreEqual(left.Current, right.Current))
                        {
                            return false;
                        }
                    }
                }

                return true;
            case JsonValueKind.Object:
                return ObjectsEqual(a, b);
            default:
                // true, false, null: the kind is the value.
                return true;
        }
    }

    private static bool ObjectsEqual(JsonElement a, JsonElement b)
    {
        var count = 0;
        foreach (var property in a.EnumerateObject())
        {
            count++;
            if (!b.TryGetProperty(property.Name, out var other) || !AreEqual(property.Value, other))
            {
                return false;
            }
        }

        var otherCount = 0;
        foreach (var unused in b.EnumerateObject())
        {
            otherCount++;
        }

        return count == otherCount;
    }
}
