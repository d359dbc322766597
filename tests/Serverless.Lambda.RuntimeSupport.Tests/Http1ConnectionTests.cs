using System.Net;
using System.Text;
using Serverless.Lambda.RuntimeSupport;

namespace Serverless.Lambda.RuntimeSupport.Tests;

public sealed class Http1ConnectionTests
{
    [Fact]
    public async Task Reads_a_Content_Length_answer_and_keeps_the_connection()
    {
        var connection = Connection("HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"status\":\"OK\"}HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");

        var first = await connection.ReadResponseAsync(TestContext.Current.CancellationToken);
        var second = await connection.ReadResponseAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("{\"status\":\"OK\"}", Encoding.ASCII.GetString(first.Body));
        Assert.True(first.KeepAlive);
        Assert.Contains(new KeyValuePair<string, string>("Content-Type", "application/json"), first.Fields);
        Assert.Equal("hi", Encoding.ASCII.GetString(second.Body));
    }

    [Fact]
    public async Task Reads_a_chunked_answer_with_extensions_and_trailers()
    {
        var connection = Connection("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");

        var answer = await connection.ReadResponseAsync(TestContext.Current.CancellationToken);

        Assert.Equal("hello world", Encoding.ASCII.GetString(answer.Body));
        Assert.True(answer.KeepAlive);
    }

    [Fact]
    public async Task An_answer_without_length_runs_to_the_close_and_ends_the_connection()
    {
        var connection = Connection("HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\n\r\ncontainer error");

        var answer = await connection.ReadResponseAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, answer.StatusCode);
        Assert.Equal("container error", Encoding.ASCII.GetString(answer.Body));
        Assert.False(answer.KeepAlive);
    }

    [Fact]
    public async Task A_body_larger_than_the_read_buffer_arrives_whole()
    {
        var payload = new string('x', 100_000);
        var connection = Connection($"HTTP/1.1 200 OK\r\nContent-Length: {payload.Length}\r\n\r\n{payload}");

        var answer = await connection.ReadResponseAsync(TestContext.Current.CancellationToken);

        Assert.Equal(payload, Encoding.ASCII.GetString(answer.Body));
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH\r\n\r\n")]
    [InlineData("HTTP/1.1 abc OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")]
    public async Task Something_that_is_not_an_HTTP_answer_is_an_HttpRequestException(string wire)
    {
        await Assert.ThrowsAsync<HttpRequestException>(() => Connection(wire).ReadResponseAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_connection_closed_mid_body_is_an_IOException()
    {
        await Assert.ThrowsAsync<IOException>(() => Connection("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort").ReadResponseAsync(TestContext.Current.CancellationToken));
    }

    private static Http1Connection Connection(string wire) => new(new MemoryStream(Encoding.ASCII.GetBytes(wire)));
}
