using System.Text;
using Serverless.Lambda.RuntimeSupport;

namespace Serverless.Lambda.RuntimeSupport.Tests;

public sealed class HttpResponseStreamPreludeTests
{
    [Fact]
    public void The_default_prelude_is_a_200_with_empty_headers_and_cookies_then_eight_NULs()
    {
        var bytes = new HttpResponseStreamPrelude().ToBytes();

        Assert.Equal("{\"statusCode\":200,\"headers\":{},\"cookies\":[]}" + new string('\0', 8), Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task A_stream_that_does_not_carry_HTTP_itself_receives_the_prelude_bytes()
    {
        var stream = new RecordingStream();
        var prelude = new HttpResponseStreamPrelude { StatusCode = 429, Headers = new Dictionary<string, string> { ["retry-after"] = "2" } };

        await stream.StartHttpResponseAsync(prelude, TestContext.Current.CancellationToken);

        Assert.Equal(prelude.ToBytes(), Assert.Single(stream.Writes));
    }

    [Fact]
    public async Task A_stream_that_carries_HTTP_itself_takes_the_prelude_natively()
    {
        var stream = new HttpCarryingStream();
        var prelude = new HttpResponseStreamPrelude { StatusCode = 404 };

        await stream.StartHttpResponseAsync(prelude, TestContext.Current.CancellationToken);

        Assert.Same(prelude, stream.Started);
        Assert.Empty(stream.Writes);
    }

    private class RecordingStream : ILambdaResponseStream
    {
        public List<byte[]> Writes { get; } = [];

        public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
        {
            Writes.Add(data.ToArray());
            return ValueTask.CompletedTask;
        }

        public ValueTask FlushAsync(CancellationToken ct) => ValueTask.CompletedTask;
    }

    private sealed class HttpCarryingStream : RecordingStream, IHttpResponseStreamStarter
    {
        public HttpResponseStreamPrelude? Started { get; private set; }

        public ValueTask StartHttpResponseAsync(HttpResponseStreamPrelude prelude, CancellationToken ct)
        {
            Started = prelude;
            return ValueTask.CompletedTask;
        }
    }
}
