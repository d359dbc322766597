using Amazon.DynamoDBv2.Model;

namespace Serverless.Quota.Tests.DynamoDb;

/// <summary>
/// An item's size by DynamoDB's published rules ("Item sizes and formats"): attribute name bytes + value; a number is
/// 1 byte per two significant digits + 1; a list is 3 bytes + each element + 1 byte per element;
/// a map is 3 bytes + each entry's name and value + 1 byte per entry; a binary value is its bytes. Write capacity is
/// billed per started KB of the larger of the item before and after the write.
/// </summary>
internal static class ItemSize
{
    public static int Of(Dictionary<string, AttributeValue> item) => item.Sum(a => System.Text.Encoding.UTF8.GetByteCount(a.Key) + Value(a.Value));

    public static int WriteUnits(int bytesBefore, int bytesAfter) => (Math.Max(bytesBefore, bytesAfter) + 1023) / 1024;

    private static int Value(AttributeValue value)
    {
        if (value.S is { } s)
        {
            return System.Text.Encoding.UTF8.GetByteCount(s);
        }

        if (value.N is { } n)
        {
            var digits = n.TrimStart('-').Replace(".", string.Empty, StringComparison.Ordinal).Trim('0').Length;
            return ((Math.Max(digits, 1) + 1) / 2) + 1;
        }

        if (value.L is { } list)
        {
            return 3 + list.Sum(element => Value(element) + 1);
        }

        if (value.B is { } binary)
        {
            return (int)binary.Length;
        }

        if (value.M is { } map)
        {
            return 3 + map.Sum(entry => System.Text.Encoding.UTF8.GetByteCount(entry.Key) + Value(entry.Value) + 1);
        }

        throw new ArgumentException("Only S, N, B, L and M attributes occur in ledger items.", nameof(value));
    }
}
