using Serverless.Quota.Storage.DynamoDb;

namespace Serverless.Quota.Tests.DynamoDb;

public class RingCodecTests
{
    private static (long[] Requests, long[] Tokens) Steady(int slots, Random random)
    {
        // A saturated scope: every quarter second about 80 requests and 24,000 tokens.
        var requests = new long[slots];
        var tokens = new long[slots];
        for (var i = 0; i < slots; i++)
        {
            requests[i] = 75 + random.Next(10);
            tokens[i] = 22_000 + random.Next(4_000);
        }

        return (requests, tokens);
    }

    private static (long[] Requests, long[] Tokens) Sparse(int slots, Random random)
    {
        // A quiet scope: a request in one bucket of five, of any size.
        var requests = new long[slots];
        var tokens = new long[slots];
        for (var i = 0; i < slots; i++)
        {
            if (random.Next(5) == 0)
            {
                requests[i] = 1;
                tokens[i] = random.Next(50, 20_000);
            }
        }

        return (requests, tokens);
    }

    [Fact]
    public void EveryRingComesBackAsItWent()
    {
        var random = new Random(3);
        foreach (var (requests, tokens) in new[] { Steady(241, random), Sparse(241, random), (new long[61], new long[61]), ([5, -3, 0, long.MaxValue / 4], [long.MinValue / 4, 7, 0, 1]) })
        {
            var decoded = RingCodec.Decode(RingCodec.Encode(requests, tokens));
            Assert.NotNull(decoded);
            Assert.Equal(requests, decoded.Value.Requests);
            Assert.Equal(tokens, decoded.Value.Tokens);
        }
    }

    [Fact]
    public void ASteadyRingIsWrittenAsDifferencesAndAQuietOneAsValues()
    {
        var random = new Random(5);
        var (requests, tokens) = Steady(241, random);
        var plain = PlainLength(requests, tokens);
        // Neighbouring buckets of a steady flow differ by little: the differences take about a third fewer bytes.
        Assert.True(RingCodec.Encode(requests, tokens).Length < plain * 0.7, $"{RingCodec.Encode(requests, tokens).Length} bytes against {plain} as values");

        var (quietRequests, quietTokens) = Sparse(241, random);
        // Where differences would be longer, the values are written as before, byte for byte.
        Assert.Equal(PlainLength(quietRequests, quietTokens), RingCodec.Encode(quietRequests, quietTokens).Length);
    }

    [Fact]
    public void RingsWrittenBeforeDifferencesExistedStillDecode()
    {
        // The layout items written before (slot count, then the values): 3 slots, requests 1 2 3, tokens 10 0 300.
        byte[] earlier = [6, 2, 4, 6, 20, 0, 0xD8, 0x04];
        var decoded = RingCodec.Decode(earlier);
        Assert.NotNull(decoded);
        Assert.Equal([1L, 2, 3], decoded.Value.Requests);
        Assert.Equal([10L, 0, 300], decoded.Value.Tokens);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 2 })]
    [InlineData(new byte[] { 3, 2, 4 })]
    [InlineData(new byte[] { 6, 2, 4, 6, 20, 0, 0xD8, 0x04, 0 })]
    [InlineData(new byte[] { 0x80, 0x80 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })] // count long.MinValue: no absolute value
    public void BytesThatAreNoRingAreRefused(byte[] bytes) => Assert.Null(RingCodec.Decode(bytes));

    private static int PlainLength(long[] requests, long[] tokens)
        => Varint(requests.Length) + requests.Sum(Varint) + tokens.Sum(Varint);

    /// <summary>A zigzag varint carries 7 bits a byte: its length follows from the highest bit set.</summary>
    private static int Varint(long value)
        => (System.Numerics.BitOperations.Log2((ulong)((value << 1) ^ (value >> 63)) | 1) / 7) + 1;
}
