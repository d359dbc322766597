namespace Serverless.Quota.Storage.DynamoDb;

/// <summary>
/// The usage ring as one binary attribute: the slot count, then every slot's requests, then every slot's tokens, each
/// a zigzag LEB128 varint (1 byte up to 63, 2 up to 8,191, 3 up to about a million). DynamoDB bills a binary
/// attribute by its raw bytes, so a busy ring of 241 quarter-second buckets stays well under 1 KB where decimal text
/// would not.
/// <para>
/// When it is shorter, each value is written as its difference from the slot before (the count then written negated):
/// neighbouring buckets of a steady flow differ by little, and bytes are what an item's write units and DynamoDB
/// Local's time per write grow with (a busy ring of values ~0.01 ms per admission, docs/benchmarks.md). A quiet or
/// bursty ring keeps the values, so no ring grows; rings written before differences existed decode as they are.
/// </para>
/// </summary>
internal static class RingCodec
{
    public static byte[] Encode(long[] requests, long[] tokens)
    {
        // Rollovers are the only writers (a few a second per item), so writing both forms to keep one costs nothing.
        var asValues = Encode(requests, tokens, differences: false);
        var asDifferences = Encode(requests, tokens, differences: true);
        return asDifferences.Length < asValues.Length ? asDifferences : asValues;
    }

    private static byte[] Encode(long[] requests, long[] tokens, bool differences)
    {
        var bytes = new List<byte>(4 + (requests.Length * 4));
        Write(bytes, differences ? -(long)requests.Length : requests.Length);
        WriteAll(bytes, requests, differences);
        WriteAll(bytes, tokens, differences);
        return [.. bytes];
    }

    /// <summary>The two rings, or null when the bytes are not a ring this codec wrote.</summary>
    public static (long[] Requests, long[] Tokens)? Decode(ReadOnlySpan<byte> bytes)
    {
        var position = 0;
        if (!TryRead(bytes, ref position, out var written))
        {
            return null;
        }

        // Range first: corrupt bytes can decode to long.MinValue, which has no absolute value.
        if (written is > -2 and < 2 or < -100_000 or > 100_000)
        {
            return null;
        }

        var differences = written < 0;
        var count = Math.Abs(written);

        var requests = new long[count];
        var tokens = new long[count];
        return TryReadAll(bytes, ref position, requests, differences) && TryReadAll(bytes, ref position, tokens, differences) && position == bytes.Length
            ? (requests, tokens)
            : null;
    }

    private static void WriteAll(List<byte> bytes, long[] values, bool differences)
    {
        var previous = 0L;
        foreach (var value in values)
        {
            Write(bytes, differences ? unchecked(value - previous) : value);
            previous = value;
        }
    }

    private static bool TryReadAll(ReadOnlySpan<byte> bytes, ref int position, long[] values, bool differences)
    {
        var previous = 0L;
        for (var i = 0; i < values.Length; i++)
        {
            if (!TryRead(bytes, ref position, out var value))
            {
                return false;
            }

            values[i] = differences ? unchecked(previous + value) : value;
            previous = values[i];
        }

        return true;
    }

    private static void Write(List<byte> bytes, long value)
    {
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        while (zigzag >= 0x80)
        {
            bytes.Add((byte)(zigzag | 0x80));
            zigzag >>= 7;
        }

        bytes.Add((byte)zigzag);
    }

    private static bool TryRead(ReadOnlySpan<byte> bytes, ref int position, out long value)
    {
        ulong zigzag = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= bytes.Length)
            {
                break;
            }

            var b = bytes[position++];
            zigzag |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                value = (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
                return true;
            }
        }

        value = 0;
        return false;
    }
}
