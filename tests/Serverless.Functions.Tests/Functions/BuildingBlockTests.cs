using System.Text;
using System.Text.Json;
using Serverless.Bedrock.Model;
using Serverless.Conversations;
using Serverless.Functions.Errors;
using Serverless.Functions.Gating;
using Serverless.Functions.Http;
using Serverless.Functions.Json;
using Serverless.Functions.Streaming;
using Serverless.Quota.Storage;

namespace Serverless.Functions.Tests.Functions;

/// <summary>The small pieces the functions share.</summary>
public class BuildingBlockTests
{
    [Theory]
    [InlineData("""{"max_tokens":7}""", 7)]
    [InlineData("""{"inferenceConfig":{"max_new_tokens":8}}""", 8)]
    [InlineData("""{"inferenceConfig":{"maxTokens":9}}""", 9)]
    [InlineData("""{"textGenerationConfig":{"maxTokenCount":10}}""", 10)]
    [InlineData("""{"max_gen_len":11}""", 11)]
    [InlineData("""{"prompt":"no limit"}""", null)]
    [InlineData("""{"max_tokens":null}""", null)]
    public void MaxTokensIsReadFromEveryNativeFormat(string body, int? expected)
    {
        using var document = JsonDocument.Parse(body);
        Assert.Equal(expected, MaxTokens.FromNativeBody(document.RootElement));
    }

    private sealed class RecordingStream : IHttpResponseStream
    {
        public MemoryStream Body { get; } = new();

        public int Flushes { get; private set; }

        public int Status { get; private set; }

        public IReadOnlyDictionary<string, string>? Headers { get; private set; }

        public bool HasStarted { get; private set; }

        public ValueTask StartAsync(int statusCode, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
        {
            (Status, Headers, HasStarted) = (statusCode, headers, true);
            return ValueTask.CompletedTask;
        }

        public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            Body.Write(data.Span);
            return ValueTask.CompletedTask;
        }

        public ValueTask FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task ServerSentEventsAreFramedAndFlushedOneByOne()
    {
        var stream = new RecordingStream();
        var writer = new SseEventWriter();
        await writer.StartAsync(stream, TestContext.Current.CancellationToken);
        await writer.WriteEventAsync("chunk", "{\"a\":1}"u8.ToArray(), TestContext.Current.CancellationToken);
        // A document spread over lines would end the event early; it is written on one line.
        await writer.WriteEventAsync("chunk", "{\n  \"b\": 2\n}"u8.ToArray(), TestContext.Current.CancellationToken);
        await writer.WriteErrorAsync(new FunctionError(502, "X", "broke", true), TestContext.Current.CancellationToken);

        Assert.Equal(200, stream.Status);
        Assert.Equal("text/event-stream", stream.Headers!["content-type"]);
        Assert.Equal(4, stream.Flushes);
        Assert.Equal("event: chunk\ndata: {\"a\":1}\n\nevent: chunk\ndata: {\"b\":2}\n\nevent: error\ndata: {\"error\":{\"code\":\"X\",\"message\":\"broke\",\"retryable\":true}}\n\n",
            Encoding.UTF8.GetString(stream.Body.ToArray()));
    }

    [Fact]
    public async Task NdjsonLinesAreTheEventUnion()
    {
        var stream = new RecordingStream();
        var writer = new NdJsonEventWriter();
        await writer.StartAsync(stream, TestContext.Current.CancellationToken);
        await writer.WriteEventAsync("messageStart", "{\"role\":\"assistant\"}"u8.ToArray(), TestContext.Current.CancellationToken);
        await writer.WriteErrorAsync(new FunctionError(429, "ThrottlingException", "slow down", true), TestContext.Current.CancellationToken);
        Assert.Equal("application/x-ndjson", stream.Headers!["content-type"]);
        Assert.Equal("{\"messageStart\":{\"role\":\"assistant\"}}\n{\"error\":{\"code\":\"ThrottlingException\",\"message\":\"slow down\",\"retryable\":true}}\n",
            Encoding.UTF8.GetString(stream.Body.ToArray()));
    }

    [Theory]
    [InlineData("""{"b":2}""", """{"conversationId":"c-1","b":2}""")]
    [InlineData("{}", """{"conversationId":"c-1"}""")]
    public void AMemberIsPrependedToSerializedJson(string json, string expected)
        => Assert.Equal(expected, Encoding.UTF8.GetString(JsonSplice.PrependString(Encoding.UTF8.GetBytes(json), "conversationId", "c-1")));

    [Fact]
    public void ExceptionsBecomeTheErrorShapeWithoutInternals()
    {
        var validation = ErrorMapper.ToError(new ArgumentException("messages[0].content: is required", "messages[0].content"));
        Assert.Equal((400, "messages[0].content: is required"), (validation.StatusCode, validation.Message));

        var conflict = ErrorMapper.ToError(new ConversationConflictException("c-1", 3));
        Assert.Equal((409, true), (conflict.StatusCode, conflict.Retryable));

        var tooLarge = ErrorMapper.ToError(new ConversationTurnTooLargeException("turn", 10, 5));
        Assert.Equal(413, tooLarge.StatusCode);

        Assert.Equal(503, ErrorMapper.ToError(new ConversationStoreUnavailableException("down")).StatusCode);
        Assert.Equal(503, ErrorMapper.ToError(new QuotaStoreUnavailableException("down")).StatusCode);
        Assert.Equal(504, ErrorMapper.ToError(new TimeoutException("slow")).StatusCode);

        var bug = ErrorMapper.ToError(new NullReferenceException("Object reference not set to an instance of an object."));
        Assert.Equal(500, bug.StatusCode);
        Assert.DoesNotContain("Object reference", bug.Message);

        var body = Encoding.UTF8.GetString(ErrorBody.Json(new FunctionError(400, "InvalidRequest", "modelId: 'x' is \"odd\"", false)));
        Assert.Equal("{\"error\":{\"code\":\"InvalidRequest\",\"message\":\"modelId: 'x' is \\\"odd\\\"\",\"retryable\":false}}", body);
    }

    [Fact]
    public void RetryAfterIsWholeSecondsRoundedUp()
    {
        Assert.Equal("3", ErrorBody.Response(new FunctionError(429, "QuotaExceeded", "m", true, TimeSpan.FromMilliseconds(2_001))).Headers!["retry-after"]);
        Assert.Equal("1", ErrorBody.Response(new FunctionError(429, "QuotaExceeded", "m", true, TimeSpan.Zero)).Headers!["retry-after"]);
        Assert.False(ErrorBody.Response(new FunctionError(400, "InvalidRequest", "m", false)).Headers!.ContainsKey("retry-after"));
    }

    [Fact]
    public void BedrocksModelledErrorsMapAsDocumented()
    {
        Assert.Equal(429, ErrorMapper.FromBedrock(new ThrottlingException("t")).StatusCode);
        Assert.Equal(503, ErrorMapper.FromBedrock(new ModelNotReadyException("n")).StatusCode);
        Assert.Equal(504, ErrorMapper.FromBedrock(new ModelTimeoutException("t")).StatusCode);
        Assert.Equal(502, ErrorMapper.FromBedrock(new ModelStreamErrorException("s")).StatusCode);
    }
}
