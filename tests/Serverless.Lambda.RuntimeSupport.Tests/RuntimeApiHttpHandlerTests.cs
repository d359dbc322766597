using System.Net;
using System.Net.Sockets;
using System.Text;
using Serverless.Lambda.RuntimeSupport;
using Serverless.TestSupport;

namespace Serverless.Lambda.RuntimeSupport.Tests;

public sealed class RuntimeApiHttpHandlerTests
{
    public static TheoryData<string> Handlers() => ["runtime", "sockets"];

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task The_runtimes_handler_and_SocketsHttpHandler_see_the_same_contract(string handlerName)
    {
        await using var api = await LocalRuntimeApi.StartAsync(ct: TestContext.Current.CancellationToken);
        using var sockets = new SocketsHttpHandler();
        using var client = new RuntimeApiClient(api.Endpoint, handlerName == "sockets" ? sockets : null);
        var ok = api.Enqueue("\uFEFF{\"a\":1}"u8.ToArray(), new LocalInvocationOptions { RequestId = "r-1", TraceId = "Root=1-x", ClientContext = "{\"c\":1}" });
        var failed = api.Enqueue("{}"u8.ToArray(), new LocalInvocationOptions { RequestId = "r-2" });

        var first = await client.GetNextInvocationAsync(TestContext.Current.CancellationToken);
        await client.SendResponseAsync(first.AwsRequestId, "\uFEFFanswer"u8.ToArray(), TestContext.Current.CancellationToken);
        var second = await client.GetNextInvocationAsync(TestContext.Current.CancellationToken);
        await client.ReportInvocationErrorAsync(second.AwsRequestId, new RuntimeErrorBody { ErrorType = "Function.Oops", ErrorMessage = "oops" }, TestContext.Current.CancellationToken);

        Assert.Equal("r-1", first.AwsRequestId);
        Assert.Equal("\uFEFF{\"a\":1}"u8.ToArray(), first.Payload.ToArray());
        Assert.Equal("Root=1-x", first.TraceId);
        Assert.Equal("{\"c\":1}", first.ClientContextJson);
        Assert.Equal(ok.Deadline!.Value.ToUnixTimeMilliseconds(), first.Deadline.ToUnixTimeMilliseconds());
        Assert.Equal("\uFEFFanswer"u8.ToArray(), (await ok.Outcome).Body);
        var error = await failed.Outcome;
        Assert.Equal("Function.Oops", error.ErrorTypeHeader);
        Assert.Equal("application/json", error.ContentType);
        Assert.Equal("oops", error.BodyJson().GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task A_kept_alive_connection_the_API_closed_is_replaced_and_the_request_sent_again()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var served = 0;
        var server = Task.Run(async () =>
        {
            // Each connection answers one request with keep-alive, then closes: the client's second request finds
            // its pooled connection dead and must go again on a new one.
            for (var i = 0; i < 2; i++)
            {
                using var socket = await listener.AcceptSocketAsync(TestContext.Current.CancellationToken);
                await using var stream = new NetworkStream(socket);
                await ReadHeadAsync(stream);
                served++;
                var body = $"answer {served}";
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\nLambda-Runtime-Aws-Request-Id: id-{served}\r\nLambda-Runtime-Deadline-Ms: 1\r\n\r\n{body}"), TestContext.Current.CancellationToken);
                await stream.FlushAsync(TestContext.Current.CancellationToken);
                socket.Shutdown(SocketShutdown.Both);
            }
        }, TestContext.Current.CancellationToken);
        using var client = new RuntimeApiClient($"127.0.0.1:{port}");

        var first = await client.GetNextInvocationAsync(TestContext.Current.CancellationToken);
        var second = await client.GetNextInvocationAsync(TestContext.Current.CancellationToken);
        await server.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal("id-1", first.AwsRequestId);
        Assert.Equal("id-2", second.AwsRequestId);
        Assert.Equal("answer 2", Encoding.ASCII.GetString(second.Payload.Span));
    }

    private static async Task ReadHeadAsync(Stream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, TestContext.Current.CancellationToken) == 0)
            {
                throw new IOException("The client closed before sending a request head.");
            }

            head.Add(one[0]);
        }
    }
}
