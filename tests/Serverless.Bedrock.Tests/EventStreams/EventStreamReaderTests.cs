using System.IO.Pipelines;
using System.Text;
using Serverless.Bedrock.EventStreams;
using Serverless.TestSupport;

namespace Serverless.Bedrock.Tests.EventStreams;

public class EventStreamReaderTests
{
    private static List<byte[]> SampleFrames()
    {
        var frames = Directory.GetFiles(RepoPaths.Fixture("eventstream", "testdata", "encoded", "positive"))
            .Order()
            .Select(File.ReadAllBytes)
            .ToList();
        frames.Add(EventStreamEncoder.EncodeEvent("chunk", new byte[70_000])); // larger than the reader's first buffer
        frames.AddRange(BedrockExceptionFrames());
        return frames;
    }

    private static IEnumerable<byte[]> BedrockExceptionFrames()
    {
        var base64 = File.ReadAllText(RepoPaths.Fixture("eventstream", "bedrock", "vercel-ai", "exception-frames", "repro-5f6f332", "model-stream-error-exception.eventstream.base64.txt")).Trim();
        var bytes = Convert.FromBase64String(base64);
        var offset = 0;
        while (offset < bytes.Length)
        {
            Assert.True(EventStreamDecoder.TryReadPrelude(bytes.AsSpan(offset), out var length));
            yield return bytes[offset..(offset + length)];
            offset += length;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(13)]
    [InlineData(4096)]
    [InlineData(1 << 20)]
    public async Task DecodesTheSameMessagesWhateverTheChunking(int chunkSize)
    {
        var frames = SampleFrames();
        using var stream = new ChunkedStream(frames.SelectMany(f => f).ToArray(), chunkSize);

        var messages = new List<EventStreamMessage>();
        await foreach (var message in EventStreamReader.ReadMessagesAsync(stream, TestContext.Current.CancellationToken))
        {
            messages.Add(message);
        }

        Assert.Equal(frames.Count, messages.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            Assert.Equal(frames[i], EventStreamEncoder.Encode(messages[i].Headers, messages[i].Payload.Span));
        }
    }

    [Fact]
    public async Task BedrockExceptionFrameCarriesItsTypeAndMessage()
    {
        var frames = BedrockExceptionFrames().ToList();
        using var stream = new MemoryStream(frames.SelectMany(f => f).ToArray());
        var messages = new List<EventStreamMessage>();
        await foreach (var message in EventStreamReader.ReadMessagesAsync(stream, TestContext.Current.CancellationToken))
        {
            messages.Add(message);
        }

        Assert.Equal(2, messages.Count);
        Assert.Equal("event", messages[0].MessageType);
        Assert.Equal("contentBlockDelta", messages[0].EventType);
        Assert.Equal("exception", messages[1].MessageType);
        Assert.Equal("modelStreamErrorException", messages[1].ExceptionType);
        Assert.Equal("application/json", messages[1].ContentType);
        Assert.Contains("\"originalStatusCode\":424", Encoding.UTF8.GetString(messages[1].Payload.Span));
    }

    [Fact]
    public async Task YieldsEachMessageAsSoonAsItsLastByteArrives()
    {
        var pipe = new Pipe();
        var first = EventStreamEncoder.EncodeEvent("chunk", "{\"bytes\":\"AA==\"}"u8);
        await using var enumerator = EventStreamReader.ReadMessagesAsync(pipe.Reader.AsStream(), TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);

        await pipe.Writer.WriteAsync(first.AsMemory(0, first.Length - 1), TestContext.Current.CancellationToken);
        var pending = enumerator.MoveNextAsync().AsTask();
        await Task.Yield();
        Assert.False(pending.IsCompleted);

        await pipe.Writer.WriteAsync(first.AsMemory(first.Length - 1), TestContext.Current.CancellationToken);
        Assert.True(await pending); // completes with the stream still open: no waiting for more data
        Assert.Equal("chunk", enumerator.Current.EventType);

        await pipe.Writer.CompleteAsync();
        Assert.False(await enumerator.MoveNextAsync());
    }

    [Fact]
    public async Task StreamEndingInsideAMessageIsAnError()
    {
        var frame = EventStreamEncoder.EncodeEvent("chunk", "{}"u8);
        using var stream = new MemoryStream(frame[..^3]);

        var error = await Assert.ThrowsAsync<EventStreamFormatException>(async () =>
        {
            await foreach (var unused in EventStreamReader.ReadMessagesAsync(stream, TestContext.Current.CancellationToken))
            {
            }
        });
        Assert.Contains("ended inside a message", error.Message);
    }

    [Fact]
    public void OversizedLengthIsRejectedBeforeBuffering()
    {
        var frame = EventStreamEncoder.EncodeEvent("chunk", "{}"u8);
        frame[0] = 0x7F; // claims ~2 GB; the prelude CRC no longer matches either, so rebuild it
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), Crc32.Compute(frame.AsSpan(0, 8)));

        var error = Assert.Throws<EventStreamFormatException>(() => EventStreamDecoder.TryReadPrelude(frame, out _));
        Assert.Contains("outside", error.Message);
    }

    [Fact]
    public void HeadersOfEveryTypeRoundTrip()
    {
        var id = Guid.Parse("01020304-0506-0708-090a-0b0c0d0e0f10");
        var when = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);
        EventStreamHeader[] headers =
        [
            EventStreamHeader.Bool("t", true), EventStreamHeader.Bool("f", false), EventStreamHeader.Byte("b", -5),
            EventStreamHeader.Int16("s", -300), EventStreamHeader.Int32("i", int.MinValue), EventStreamHeader.Int64("l", long.MaxValue),
            EventStreamHeader.ByteArray("a", [1, 2, 3]), EventStreamHeader.String("str", "héllo"),
            EventStreamHeader.Timestamp("ts", when), EventStreamHeader.Uuid("u", id),
        ];

        var decoded = EventStreamDecoder.Decode(EventStreamEncoder.Encode(headers, "x"u8));

        Assert.True(decoded.GetHeader("t")!.AsBool);
        Assert.False(decoded.GetHeader("f")!.AsBool);
        Assert.Equal(-5, decoded.GetHeader("b")!.Number);
        Assert.Equal(-300, decoded.GetHeader("s")!.Number);
        Assert.Equal(int.MinValue, decoded.GetHeader("i")!.Number);
        Assert.Equal(long.MaxValue, decoded.GetHeader("l")!.Number);
        Assert.Equal([1, 2, 3], decoded.GetHeader("a")!.Bytes);
        Assert.Equal("héllo", decoded.GetStringHeader("str"));
        Assert.Equal(when, decoded.GetHeader("ts")!.AsTimestamp);
        Assert.Equal(id, decoded.GetHeader("u")!.AsUuid);
        Assert.Null(decoded.GetStringHeader("i"));
    }

    [Fact]
    public void Crc32MatchesTheStandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        var data = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        Assert.Equal(Crc32.Compute(data), Crc32.Append(Crc32.Compute(data.AsSpan(0, 333)), data.AsSpan(333)));
    }

    /// <summary>Hands out at most <c>chunkSize</c> bytes per read, like a network that splits frames anywhere.</summary>
    private sealed class ChunkedStream(byte[] data, int chunkSize) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunkSize));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => base.ReadAsync(buffer[..Math.Min(buffer.Length, chunkSize)], cancellationToken);
    }
}
