using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Bedrock.EventStreams;
using Serverless.Bedrock.Json;
using Serverless.Bedrock.Model;
using Serverless.Bedrock.Tests.Support;

namespace Serverless.Bedrock.Tests.Client;

public sealed class StreamingTests
{
    private const string EventStreamType = "application/vnd.amazon.eventstream";

    public static TheoryData<string> ChunkFixtures() =>
        [.. Directory.GetFiles(TestPaths.Fixture("eventstream", "bedrock", "vercel-ai", "converse-stream-decoded"), "*.chunks.txt").Select(f => Path.GetFileName(f)!).Order()];

    [Theory]
    [MemberData(nameof(ChunkFixtures))]
    public async Task ConverseStream_decodes_every_fixture_event_and_round_trips_its_payload(string file)
    {
        await AssertFixtureRoundTrips(file, padding: null);
    }

    [Theory]
    [MemberData(nameof(ChunkFixtures))]
    public async Task ConverseStream_ignores_the_p_padding_field(string file)
    {
        await AssertFixtureRoundTrips(file, padding: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ");
    }

    [Fact]
    public async Task ConverseStream_yields_each_event_as_its_frame_arrives()
    {
        var pipe = new Pipe();
        var handler = new FakeBedrockHandler().Respond((_, _) =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(pipe.Reader.AsStream()) };
            response.Content.Headers.TryAddWithoutValidation("Content-Type", EventStreamType);
            return Task.FromResult(response);
        });
        using var client = new BedrockRuntimeClient(TestOptions.Create(handler));
        var ct = TestContext.Current.CancellationToken;

        await using var events = client.ConverseStreamAsync(Requests.ConverseStream(), ct).GetAsyncEnumerator(ct);
        await pipe.Writer.WriteAsync(EventStreamEncoder.EncodeEvent("messageStart", """{"role":"assistant","p":"xyz"}"""u8), ct);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("assistant", events.Current.MessageStart!.Role);

        // The second frame arrives split across two writes; the event appears only once it is whole.
        var delta = EventStreamEncoder.EncodeEvent("contentBlockDelta", """{"delta":{"text":"hi"},"contentBlockIndex":0,"p":"abc"}"""u8);
        await pipe.Writer.WriteAsync(delta.AsMemory(0, 10), ct);
        var next = events.MoveNextAsync().AsTask();
        await Task.Delay(20, ct);
        Assert.False(next.IsCompleted);
        await pipe.Writer.WriteAsync(delta.AsMemory(10), ct);
        Assert.True(await next);
        Assert.Equal("hi", events.Current.ContentBlockDelta!.Delta.Text);
        Assert.Equal("contentBlockDelta", events.Current.EventType);

        await pipe.Writer.CompleteAsync();
        Assert.False(await events.MoveNextAsync());
        var sent = Assert.Single(handler.Requests);
        Assert.EndsWith("/converse-stream", sent.Uri.AbsolutePath);
    }

    [Theory]
    [InlineData("throttlingException", typeof(ThrottlingException))]
    [InlineData("validationException", typeof(ValidationException))]
    [InlineData("internalServerException", typeof(InternalServerException))]
    [InlineData("serviceUnavailableException", typeof(ServiceUnavailableException))]
    [InlineData("modelTimeoutException", typeof(ModelTimeoutException))]
    public async Task Exception_frames_become_typed_exceptions_after_the_events_before_them(string exceptionType, Type expected)
    {
        var body = Concat(
            EventStreamEncoder.EncodeEvent("messageStart", """{"role":"assistant"}"""u8),
            EventStreamEncoder.EncodeException(exceptionType, """{"message":"stream broke"}"""u8));
        var (events, error) = await ReadConverseStream(body);

        Assert.Single(events);
        Assert.IsType(expected, error);
        Assert.Equal("stream broke", error!.Message);
    }

    [Fact]
    public async Task Error_frames_become_the_base_exception_with_code_and_message()
    {
        var frame = EventStreamEncoder.Encode(
        [
            EventStreamHeader.String(":message-type", "error"),
            EventStreamHeader.String(":error-code", "InternalFailure"),
            EventStreamHeader.String(":error-message", "something failed"),
        ], ReadOnlySpan<byte>.Empty);
        var (events, error) = await ReadConverseStream(frame);

        Assert.Empty(events);
        Assert.Equal(typeof(BedrockException), error!.GetType());
        Assert.Equal("InternalFailure", error.ErrorCode);
        Assert.Equal("something failed", error.Message);
    }

    [Fact]
    public async Task Real_model_stream_error_frame_carries_the_original_status_and_message()
    {
        var frame = Convert.FromBase64String(File.ReadAllText(
            TestPaths.Fixture("eventstream", "bedrock", "vercel-ai", "exception-frames", "repro-e960ad3", "model-stream-error-exception.eventstream.base64.txt")).Trim());
        var (events, error) = await ReadConverseStream(frame);

        Assert.Empty(events);
        var streamError = Assert.IsType<ModelStreamErrorException>(error);
        Assert.Equal("Model Stream Error", streamError.Message);
        Assert.Equal(500, streamError.OriginalStatusCode);
        Assert.Equal("The model stream failed.", streamError.OriginalMessage);
    }

    [Fact]
    public async Task Real_frames_deliver_the_delta_then_raise_the_stream_error()
    {
        var frames = Convert.FromBase64String(File.ReadAllText(
            TestPaths.Fixture("eventstream", "bedrock", "vercel-ai", "exception-frames", "repro-5f6f332", "model-stream-error-exception.eventstream.base64.txt")).Trim());
        var (events, error) = await ReadConverseStream(frames);

        var delta = Assert.Single(events).ContentBlockDelta;
        Assert.NotNull(delta);
        Assert.IsType<ModelStreamErrorException>(error);
    }

    [Fact]
    public async Task A_corrupt_frame_fails_with_a_format_error()
    {
        var frame = EventStreamEncoder.EncodeEvent("messageStart", """{"role":"assistant"}"""u8);
        frame[^1] ^= 0xFF;
        var (_, error, other) = await ReadConverseStreamRaw(frame);
        Assert.Null(error);
        Assert.IsType<EventStreamFormatException>(other);
    }

    [Fact]
    public async Task InvokeModelWithResponseStream_decodes_chunks_skips_unknown_events_and_binds_headers()
    {
        var body = Concat(
            EventStreamEncoder.EncodeEvent("chunk", Encoding.UTF8.GetBytes($$"""{"bytes":"{{Convert.ToBase64String("{\"completion\":\"He\"}"u8)}}","p":"abcdefgh"}""")),
            EventStreamEncoder.EncodeEvent("someFutureEvent", "{}"u8),
            EventStreamEncoder.EncodeEvent("chunk", Encoding.UTF8.GetBytes($$"""{"bytes":"{{Convert.ToBase64String("{\"completion\":\"llo\"}"u8)}}"}""")));
        var handler = new FakeBedrockHandler().RespondBytes(HttpStatusCode.OK, body, EventStreamType, ("X-Amzn-Bedrock-Content-Type", "application/json"));
        using var client = new BedrockRuntimeClient(TestOptions.Create(handler));

        var parts = new List<string>();
        await foreach (var part in client.InvokeModelWithResponseStreamAsync(new InvokeModelWithResponseStreamRequest
        {
            ModelId = "anthropic.claude-v2",
            Body = "{}"u8.ToArray(),
            Accept = "application/json",
        }, TestContext.Current.CancellationToken))
        {
            parts.Add(Encoding.UTF8.GetString(part.Bytes!));
        }

        Assert.Equal(["{\"completion\":\"He\"}", "{\"completion\":\"llo\"}"], parts);
        var sent = Assert.Single(handler.Requests);
        Assert.Equal("/model/anthropic.claude-v2/invoke-with-response-stream", sent.Uri.AbsolutePath);
        Assert.Equal("application/json", sent.Headers["X-Amzn-Bedrock-Accept"]);
        Assert.False(sent.Headers.ContainsKey("Accept"));
    }

    [Fact]
    public async Task A_stream_whose_response_is_an_error_is_retried_before_any_event()
    {
        var handler = new FakeBedrockHandler()
            .Respond(HttpStatusCode.ServiceUnavailable, "{}", ("x-amzn-ErrorType", "ServiceUnavailableException"))
            .RespondBytes(HttpStatusCode.OK, EventStreamEncoder.EncodeEvent("messageStart", """{"role":"assistant"}"""u8), EventStreamType);
        var options = TestOptions.Create(handler);
        options.Retry.BaseDelay = TimeSpan.Zero;
        using var client = new BedrockRuntimeClient(options);

        var events = new List<ConverseStreamOutput>();
        await foreach (var e in client.ConverseStreamAsync(Requests.ConverseStream(), TestContext.Current.CancellationToken))
        {
            events.Add(e);
        }

        Assert.Single(events);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_stream_that_fails_after_an_event_is_not_retried()
    {
        var body = Concat(
            EventStreamEncoder.EncodeEvent("messageStart", """{"role":"assistant"}"""u8),
            EventStreamEncoder.EncodeException("throttlingException", """{"message":"later"}"""u8));
        var handler = new FakeBedrockHandler().RespondBytes(HttpStatusCode.OK, body, EventStreamType);
        var options = TestOptions.Create(handler);
        options.Retry.BaseDelay = TimeSpan.Zero;
        using var client = new BedrockRuntimeClient(options);

        var seen = 0;
        await Assert.ThrowsAsync<ThrottlingException>(async () =>
        {
            await foreach (var _ in client.ConverseStreamAsync(Requests.ConverseStream(), TestContext.Current.CancellationToken))
            {
                seen++;
            }
        });
        Assert.Equal(1, seen);
        Assert.Single(handler.Requests);
    }

    private static async Task AssertFixtureRoundTrips(string file, string? padding)
    {
        var lines = File.ReadAllLines(TestPaths.Fixture("eventstream", "bedrock", "vercel-ai", "converse-stream-decoded", file))
            .Where(l => l.Length > 0).ToList();
        var expected = new List<(string Type, JsonNode Payload)>();
        using var body = new MemoryStream();
        foreach (var line in lines)
        {
            var entry = Assert.Single(JsonNode.Parse(line)!.AsObject());
            expected.Add((entry.Key, entry.Value!.DeepClone()));
            var payload = entry.Value!.AsObject();
            if (padding is not null)
            {
                payload["p"] = padding;
            }

            body.Write(EventStreamEncoder.EncodeEvent(entry.Key, Encoding.UTF8.GetBytes(payload.ToJsonString())));
        }

        var (events, error) = await ReadConverseStream(body.ToArray());
        Assert.Null(error);
        Assert.Equal(expected.Count, events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(expected[i].Type, events[i].EventType);
            var actual = Reserialize(events[i]);
            Assert.True(JsonNode.DeepEquals(expected[i].Payload, actual),
                $"{file} event {i} ({expected[i].Type}): expected {expected[i].Payload.ToJsonString()} got {actual?.ToJsonString()}");
        }
    }

    /// <summary>Writes the one set member back as JSON, so a dropped or renamed member shows up as a difference.</summary>
    private static JsonNode? Reserialize(ConverseStreamOutput e)
    {
        var context = BedrockJsonContext.Default;
        var json = e.EventType switch
        {
            "messageStart" => JsonSerializer.Serialize(e.MessageStart!, context.MessageStartEvent),
            "contentBlockStart" => JsonSerializer.Serialize(e.ContentBlockStart!, context.ContentBlockStartEvent),
            "contentBlockDelta" => JsonSerializer.Serialize(e.ContentBlockDelta!, context.ContentBlockDeltaEvent),
            "contentBlockStop" => JsonSerializer.Serialize(e.ContentBlockStop!, context.ContentBlockStopEvent),
            "messageStop" => JsonSerializer.Serialize(e.MessageStop!, context.MessageStopEvent),
            "metadata" => JsonSerializer.Serialize(e.Metadata!, context.ConverseStreamMetadataEvent),
            _ => throw new InvalidOperationException("unexpected event " + e.EventType),
        };
        return JsonNode.Parse(json);
    }

    private static async Task<(List<ConverseStreamOutput> Events, BedrockException? Error)> ReadConverseStream(byte[] body)
    {
        var (events, error, other) = await ReadConverseStreamRaw(body);
        if (other is not null)
        {
            throw other;
        }

        return (events, error);
    }

    private static async Task<(List<ConverseStreamOutput> Events, BedrockException? Error, Exception? Other)> ReadConverseStreamRaw(byte[] body)
    {
        var handler = new FakeBedrockHandler().RespondBytes(HttpStatusCode.OK, body, EventStreamType);
        using var client = new BedrockRuntimeClient(TestOptions.Create(handler));
        var events = new List<ConverseStreamOutput>();
        try
        {
            await foreach (var e in client.ConverseStreamAsync(Requests.ConverseStream(), TestContext.Current.CancellationToken))
            {
                events.Add(e);
            }
        }
        catch (BedrockException ex)
        {
            return (events, ex, null);
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            return (events, null, ex);
        }

        return (events, null, null);
    }

    private static byte[] Concat(params byte[][] frames) => [.. frames.SelectMany(f => f)];
}
