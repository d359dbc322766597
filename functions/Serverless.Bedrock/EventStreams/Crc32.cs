using System.Buffers.Binary;

namespace Serverless.Bedrock.EventStreams;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) as the event-stream framing uses it.
/// Slicing-by-8: the package source has no System.IO.Hashing, and every decoded byte passes through here,
/// so a byte-at-a-time table would cap stream decoding far below the benchmark goal.
/// </summary>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320u;
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a CRC over more bytes: Append(Compute(a), b) == Compute(a + b).</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var table = Table.AsSpan();
        var c = ~crc;
        while (data.Length >= 8)
        {
            var one = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ c;
            var two = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            c = table[(7 * 256) + (int)(one & 0xFF)]
                ^ table[(6 * 256) + (int)((one >> 8) & 0xFF)]
                ^ table[(5 * 256) + (int)((one >> 16) & 0xFF)]
                ^ table[(4 * 256) + (int)(one >> 24)]
                ^ table[(3 * 256) + (int)(two & 0xFF)]
                ^ table[(2 * 256) + (int)((two >> 8) & 0xFF)]
                ^ table[256 + (int)((two >> 16) & 0xFF)]
                ^ table[(int)(two >> 24)];
            data = data[8..];
        }

        foreach (var b in data)
        {
            c = table[(int)((c ^ b) & 0xFF)] ^ (c >> 8);
        }

        return ~c;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        for (var slice = 1; slice < 8; slice++)
        {
            for (var i = 0; i < 256; i++)
            {
                var previous = table[((slice - 1) * 256) + i];
                table[(slice * 256) + i] = (previous >> 8) ^ table[(int)(previous & 0xFF)];
            }
        }

        return table;
    }
}
