namespace Serverless.Quota.Storage.DynamoDb;

/// <summary>
/// The usage ring as one binary attribute: the slot count, then every slot's requests, then every slot's tokens, each
/// a zigzag LEB128 varint (1 byte up to 63, 2 up to 8,191, 3 up to about a million). DynamoDB bills a binary
/// attribute by its raw bytes, so a busy ring of 241 quarter-second buckets stays well under 1 KB where decimal text
/// would not; DynamoDB Local's cost of a write does not grow with it (one attribute value, measured).
/// </summary>
internal static class RingCodec
{
    public static byte[] Encode(long[] requests, long[] tokens)
    {
        var bytes = new List<byte>(4 + (requests.Length * 4));
        Write(bytes, requests.Length);
        foreach (var value in requests)
        {
            Write(bytes, value);
        }

        foreach (var value in tokens)
        {
            Write(bytes, value);
        }

        return [.. bytes];
    }

    /// <summary>The two rings, or null when the bytes are not a ring this codec wrote.</summary>
    public static (long[] Requests, long[] Tokens)? Decode(ReadOnlySpan<byte> bytes)
    {
        var position = 0;
        if (!TryRead(bytes, ref position, out var count) || count < 2 || count > 100_000)
        {
            return null;
        }

        var requests = new long[count];
        var tokens = new long[count];
        for (var i = 0; i < count; i++)
        {
            if (!TryRead(bytes, ref position, out requests[i]))
            {
                return null;
            }
        }

        for (var i = 0; i < count; i++)
        {
            if (!TryRead(bytes, ref position, out tokens[i]))
            {
                return null;
            }
        }

        return position == bytes.Length ? (requests, tokens) : null;
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
