using System.Text;
using Serverless.Lambda.RuntimeSupport;

namespace Serverless.Lambda.RuntimeSupport.Tests;

public sealed class ChunkedBodyWriterTests
{
    [Fact]
    public async Task Writes_each_chunk_with_its_hex_size_and_ends_with_the_trailers()
    {
        var wire = new MemoryStream();
        var writer = new ChunkedBodyWriter(wire);

        await writer.WriteChunkAsync("hello"u8.ToArray(), TestContext.Current.CancellationToken);
        await writer.WriteChunkAsync(new byte[26], TestContext.Current.CancellationToken);
        await writer.WriteChunkAsync(ReadOnlyMemory<byte>.Empty, TestContext.Current.CancellationToken);
        await writer.WriteEndAsync([new("Lambda-Runtime-Function-Error-Type", "Function.Boom"), new("Lambda-Runtime-Function-Error-Body", "eyJ9")], TestContext.Current.CancellationToken);

        var expected = "5\r\nhello\r\n1A\r\n" + new string('\0', 26) + "\r\n0\r\nLambda-Runtime-Function-Error-Type: Function.Boom\r\nLambda-Runtime-Function-Error-Body: eyJ9\r\n\r\n";
        Assert.Equal(expected, Encoding.ASCII.GetString(wire.ToArray()));
    }

    [Fact]
    public async Task Ends_without_trailers_as_a_plain_last_chunk()
    {
        var wire = new MemoryStream();
        var writer = new ChunkedBodyWriter(wire);

        await writer.WriteChunkAsync(new byte[70_000], TestContext.Current.CancellationToken);
        await writer.WriteEndAsync([], TestContext.Current.CancellationToken);

        var bytes = wire.ToArray();
        Assert.StartsWith("11170\r\n", Encoding.ASCII.GetString(bytes, 0, 7), StringComparison.Ordinal);
        Assert.Equal("\r\n0\r\n\r\n", Encoding.ASCII.GetString(bytes, bytes.Length - 7, 7));
        Assert.Equal(7 + 70_000 + 7, bytes.Length);
    }

    [Theory]
    [InlineData("Type\r\nInjected: yes")]
    [InlineData("caf\u00e9")]
    public async Task A_trailer_value_that_would_break_the_framing_is_refused(string value)
    {
        var writer = new ChunkedBodyWriter(new MemoryStream());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteEndAsync([new("Lambda-Runtime-Function-Error-Type", value)], TestContext.Current.CancellationToken).AsTask());

        Assert.Equal("value", error.ParamName);
    }

    [Fact]
    public async Task Nothing_can_be_written_after_the_end()
    {
        var writer = new ChunkedBodyWriter(new MemoryStream());
        await writer.WriteEndAsync([], TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.WriteChunkAsync("x"u8.ToArray(), TestContext.Current.CancellationToken).AsTask());
    }
}
