using System.Buffers.Binary;
using System.Text.Json;
using Serverless.Bedrock.EventStreams;
using Serverless.TestSupport;

namespace Serverless.Bedrock.Tests.EventStreams;

/// <summary>The cross-SDK event-stream vectors (aws-sdk-go testdata): positives decode exactly, negatives are rejected.</summary>
public class EventStreamVectorTests
{
    private static string Vectors(params string[] parts) => RepoPaths.Fixture(["eventstream", "testdata", .. parts]);

    public static TheoryData<string> Positive() => new(Directory.GetFiles(Vectors("encoded", "positive")).Select(Path.GetFileName).Order()!);

    public static TheoryData<string> Negative() => new(Directory.GetFiles(Vectors("encoded", "negative")).Select(Path.GetFileName).Order()!);

    [Fact]
    public void AllVectorsAreFound()
    {
        Assert.Equal(5, Positive().Count);
        Assert.Equal(4, Negative().Count);
    }

    [Theory]
    [MemberData(nameof(Positive))]
    public void PositiveVectorDecodesToItsDescription(string name)
    {
        var frame = File.ReadAllBytes(Vectors("encoded", "positive", name));
        using var expected = JsonDocument.Parse(File.ReadAllText(Vectors("decoded", "positive", name)));
        var root = expected.RootElement;

        var message = EventStreamDecoder.Decode(frame);

        Assert.Equal(root.GetProperty("total_length").GetInt32(), frame.Length);
        Assert.Equal(root.GetProperty("headers_length").GetInt32(), BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(4)));
        Assert.Equal(root.GetProperty("prelude_crc").GetInt64(), (long)BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(8)));
        Assert.Equal(root.GetProperty("message_crc").GetInt64(), (long)BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(frame.Length - 4)));
        Assert.Equal(Convert.FromBase64String(root.GetProperty("payload").GetString()!), message.Payload.ToArray());

        var expectedHeaders = root.GetProperty("headers").EnumerateArray().ToList();
        Assert.Equal(expectedHeaders.Count, message.Headers.Count);
        for (var i = 0; i < expectedHeaders.Count; i++)
        {
            var want = expectedHeaders[i];
            var got = message.Headers[i];
            Assert.Equal(want.GetProperty("name").GetString(), got.Name);
            Assert.Equal(want.GetProperty("type").GetInt32(), (int)got.Type);
            var value = want.GetProperty("value");
            switch (got.Type)
            {
                case EventStreamHeaderType.BoolTrue:
                case EventStreamHeaderType.BoolFalse:
                    Assert.Equal(value.GetBoolean(), got.AsBool);
                    break;
                case EventStreamHeaderType.ByteArray:
                case EventStreamHeaderType.String:
                case EventStreamHeaderType.Uuid:
                    Assert.Equal(Convert.FromBase64String(value.GetString()!), got.Bytes);
                    break;
                default:
                    Assert.Equal(value.GetInt64(), got.Number);
                    break;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Positive))]
    public void EncoderReproducesPositiveVectorByteForByte(string name)
    {
        var frame = File.ReadAllBytes(Vectors("encoded", "positive", name));
        var message = EventStreamDecoder.Decode(frame);

        Assert.Equal(frame, EventStreamEncoder.Encode(message.Headers, message.Payload.Span));
    }

    [Theory]
    [MemberData(nameof(Negative))]
    public void NegativeVectorIsRejectedWithTheExpectedError(string name)
    {
        var frame = File.ReadAllBytes(Vectors("encoded", "negative", name));
        var expectedError = File.ReadAllText(Vectors("decoded", "negative", name)).Trim();

        var error = Assert.Throws<EventStreamFormatException>(() => EventStreamDecoder.Decode(frame));

        Assert.Equal(expectedError, error.Message);
    }

    [Theory]
    [MemberData(nameof(Negative))]
    public async Task NegativeVectorStopsTheReader(string name)
    {
        var valid = File.ReadAllBytes(Vectors("encoded", "positive", "int32_header"));
        var corrupt = File.ReadAllBytes(Vectors("encoded", "negative", name));
        using var stream = new MemoryStream([.. valid, .. corrupt]);

        var seen = new List<EventStreamMessage>();
        await Assert.ThrowsAsync<EventStreamFormatException>(async () =>
        {
            await foreach (var message in EventStreamReader.ReadMessagesAsync(stream, TestContext.Current.CancellationToken))
            {
                seen.Add(message);
            }
        });

        Assert.Single(seen);
    }
}
