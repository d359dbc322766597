using System.Text;
using Serverless.Lambda.RuntimeSupport;
using Serverless.TestSupport;

namespace Serverless.Lambda.RuntimeSupport.Tests;

public sealed class StreamingTests
{
    [Fact]
    public async Task Each_write_reaches_the_Runtime_API_in_order_before_the_handler_finishes()
    {
        var firstArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var runtime = await RuntimeHarness.StartAsync(new StreamingHandler(async (_, response, _, ct) =>
        {
            await response.WriteAsync("data: one\n\n"u8.ToArray(), ct);
            // The handler goes on only once the server has the first event: it was not held back until the end.
            await firstArrived.Task.WaitAsync(ct);
            await response.WriteAsync("data: two\n\n"u8.ToArray(), ct);
            await secondArrived.Task.WaitAsync(ct);
        }));

        var invocation = runtime.Api.Enqueue("{}"u8.ToArray());
        Assert.Equal("data: one\n\n", await RuntimeHarness.Bounded(ReadStreamedAsync(invocation, "data: one\n\n".Length)));
        firstArrived.SetResult();
        Assert.Equal("data: two\n\n", await RuntimeHarness.Bounded(ReadStreamedAsync(invocation, "data: two\n\n".Length)));
        Assert.False(invocation.Outcome.IsCompleted);
        secondArrived.SetResult();
        var outcome = await RuntimeHarness.Bounded(invocation.Outcome);

        Assert.Equal(InvocationOutcomeKind.StreamedResponse, outcome.Kind);
        Assert.Equal("data: one\n\ndata: two\n\n", outcome.BodyText);
        Assert.Equal("streaming", outcome.RequestHeaders["Lambda-Runtime-Function-Response-Mode"]);
        Assert.Equal("chunked", outcome.RequestHeaders["Transfer-Encoding"]);
        Assert.Equal("Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body", outcome.RequestHeaders["Trailer"]);
        Assert.Equal("application/octet-stream", outcome.ContentType);
        Assert.Empty(outcome.Trailers);
    }

    [Fact]
    public async Task An_HTTP_answer_starts_with_the_exact_prelude_and_the_integration_content_type()
    {
        await using var runtime = await RuntimeHarness.StartAsync(new StreamingHandler(async (_, response, _, ct) =>
        {
            await response.StartHttpResponseAsync(
                new HttpResponseStreamPrelude
                {
                    StatusCode = 201,
                    Headers = new Dictionary<string, string> { ["content-type"] = "text/event-stream", ["x-request"] = "a\"b" },
                    Cookies = ["session=1; Secure", "theme=dark"],
                },
                ct);
            await response.WriteAsync("data: hi\n\n"u8.ToArray(), ct);
        }));

        var outcome = await runtime.InvokeAsync("{}"u8.ToArray());

        byte[] expected =
        [
            .. """{"statusCode":201,"headers":{"content-type":"text/event-stream","x-request":"a\u0022b"},"cookies":["session=1; Secure","theme=dark"]}"""u8,
            0, 0, 0, 0, 0, 0, 0, 0,
            .. "data: hi\n\n"u8,
        ];
        Assert.Equal(expected, outcome.Body);
        Assert.Equal("application/vnd.awslambda.http-integration-response", outcome.ContentType);
    }

    [Fact]
    public async Task An_exception_after_the_first_write_ends_the_body_with_the_error_trailers()
    {
        await using var runtime = await RuntimeHarness.StartAsync(new StreamingHandler(async (_, response, _, ct) =>
        {
            await response.WriteAsync("partial"u8.ToArray(), ct);
            throw new TimeoutException("Bedrock stopped sending events");
        }));

        var outcome = await runtime.InvokeAsync("{}"u8.ToArray());

        Assert.Equal(InvocationOutcomeKind.StreamedResponse, outcome.Kind);
        Assert.Equal("partial", outcome.BodyText);
        Assert.Equal("TimeoutException", outcome.TrailerErrorType);
        var error = outcome.TrailerError!.Value;
        Assert.Equal("TimeoutException", error.GetProperty("errorType").GetString());
        Assert.Equal("Bedrock stopped sending events", error.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task An_exception_before_any_write_is_posted_to_error()
    {
        await using var runtime = await RuntimeHarness.StartAsync(new StreamingHandler((_, _, _, _) => throw new ArgumentException("conversationId is not yours", "conversationId")));

        var outcome = await runtime.InvokeAsync("{}"u8.ToArray());

        Assert.Equal(InvocationOutcomeKind.Error, outcome.Kind);
        Assert.Equal("ArgumentException", outcome.ErrorTypeHeader);
    }

    [Fact]
    public async Task A_handler_that_writes_nothing_still_answers_with_an_empty_stream()
    {
        await using var runtime = await RuntimeHarness.StartAsync(new StreamingHandler((_, _, _, _) => ValueTask.CompletedTask));

        var outcome = await runtime.InvokeAsync("{}"u8.ToArray());

        Assert.Equal(InvocationOutcomeKind.StreamedResponse, outcome.Kind);
        Assert.Empty(outcome.Body);
        Assert.Empty(outcome.Trailers);
    }

    [Fact]
    public async Task Streams_several_invocations_in_a_row_each_on_its_own_connection()
    {
        await using var runtime = await RuntimeHarness.StartAsync(new StreamingHandler(async (payload, response, _, ct) =>
        {
            await response.WriteAsync(payload, ct);
            await response.FlushAsync(ct);
            await response.WriteAsync("!"u8.ToArray(), ct);
        }));

        for (var i = 0; i < 3; i++)
        {
            var outcome = await runtime.InvokeAsync(Encoding.UTF8.GetBytes($"event {i}"));
            Assert.Equal($"event {i}!", outcome.BodyText);
        }
    }

    [Fact]
    public async Task The_prelude_cannot_follow_body_bytes()
    {
        Exception? seen = null;
        await using var runtime = await RuntimeHarness.StartAsync(new StreamingHandler(async (_, response, _, ct) =>
        {
            await response.WriteAsync("body"u8.ToArray(), ct);
            try
            {
                await response.StartHttpResponseAsync(new HttpResponseStreamPrelude(), ct);
            }
            catch (InvalidOperationException e)
            {
                seen = e;
            }
        }));

        var outcome = await runtime.InvokeAsync("{}"u8.ToArray());

        Assert.Equal("body", outcome.BodyText);
        Assert.Contains("before the first write", seen?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_that_breaks_mid_chunk_truncates_that_response_and_the_loop_goes_on()
    {
        var streamedConnections = 0;
        var functions = new FunctionRegistry().AddStreaming(RuntimeHarness.FunctionName, () => new StreamingHandler(async (payload, response, _, ct) =>
        {
            await response.WriteAsync(payload, ct);
            await response.WriteAsync("second"u8.ToArray(), ct);
        }));
        await using var runtime = await RuntimeHarness.StartAsync(functions, RuntimeHarness.FunctionName, connect: async (endpoint, ct) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, ct);
            Stream stream = new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            // The first streamed response (second connection: the first is the kept-alive one for /next) breaks at
            // its third write: request head, first chunk, then half of the second chunk.
            return ++streamedConnections == 2 ? new BreakingStream(stream, failAt: 3) : stream;
        });

        var broken = runtime.Api.Enqueue("first"u8.ToArray());
        var error = await Assert.ThrowsAsync<IOException>(() => RuntimeHarness.Bounded(broken.Outcome));
        var next = await runtime.InvokeAsync("again"u8.ToArray());

        Assert.Contains("without a complete chunked body", error.Message, StringComparison.Ordinal);
        Assert.Equal("againsecond", next.BodyText);
    }

    /// <summary>The next <paramref name="length"/> bytes of the streamed body, however the server's reads split them.</summary>
    private static async Task<string> ReadStreamedAsync(LocalInvocation invocation, int length)
    {
        var received = new List<byte>();
        while (received.Count < length)
        {
            received.AddRange(await invocation.StreamedBody.ReadAsync(TestContext.Current.CancellationToken));
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }
}
