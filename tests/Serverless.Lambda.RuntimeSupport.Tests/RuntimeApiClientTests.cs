using System.Net;
using Serverless.Lambda.RuntimeSupport;
using Serverless.TestSupport;

namespace Serverless.Lambda.RuntimeSupport.Tests;

public sealed class RuntimeApiClientTests
{
    [Fact]
    public async Task A_second_response_for_the_same_invocation_is_refused_as_already_sent()
    {
        await using var api = await LocalRuntimeApi.StartAsync(ct: TestContext.Current.CancellationToken);
        using var client = new RuntimeApiClient(api.Endpoint);
        var invocation = api.Enqueue("{}"u8.ToArray());
        var next = await client.GetNextInvocationAsync(TestContext.Current.CancellationToken);

        await client.SendResponseAsync(next.AwsRequestId, "first"u8.ToArray(), TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<RuntimeApiException>(() => client.SendResponseAsync(next.AwsRequestId, "second"u8.ToArray(), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("InvalidStateTransition", error.ErrorType);
        Assert.False(error.IsFatal);
        Assert.Equal("first", (await invocation.Outcome).BodyText);
    }

    [Fact]
    public async Task An_error_after_the_response_is_refused_too()
    {
        await using var api = await LocalRuntimeApi.StartAsync(ct: TestContext.Current.CancellationToken);
        using var client = new RuntimeApiClient(api.Endpoint);
        api.Enqueue("{}"u8.ToArray());
        var next = await client.GetNextInvocationAsync(TestContext.Current.CancellationToken);
        await client.SendResponseAsync(next.AwsRequestId, "ok"u8.ToArray(), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<RuntimeApiException>(() => client.ReportInvocationErrorAsync(
            next.AwsRequestId, new RuntimeErrorBody { ErrorType = "Late", ErrorMessage = "too late" }, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task An_unknown_request_id_is_a_400_InvalidRequestID()
    {
        await using var api = await LocalRuntimeApi.StartAsync(ct: TestContext.Current.CancellationToken);
        using var client = new RuntimeApiClient(api.Endpoint);

        var error = await Assert.ThrowsAsync<RuntimeApiException>(() => client.SendResponseAsync("no-such-id", "{}"u8.ToArray(), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("InvalidRequestID", error.ErrorType);
    }

    [Fact]
    public async Task Init_error_after_the_first_next_is_refused()
    {
        await using var api = await LocalRuntimeApi.StartAsync(ct: TestContext.Current.CancellationToken);
        using var client = new RuntimeApiClient(api.Endpoint);
        api.Enqueue("{}"u8.ToArray());
        await client.GetNextInvocationAsync(TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<RuntimeApiException>(() => client.ReportInitializationErrorAsync(
            new RuntimeErrorBody { ErrorType = "Runtime.Late", ErrorMessage = "late" }, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task Next_waits_for_an_event_without_a_timeout_and_can_be_cancelled()
    {
        await using var api = await LocalRuntimeApi.StartAsync(ct: TestContext.Current.CancellationToken);
        using var client = new RuntimeApiClient(api.Endpoint);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var next = client.GetNextInvocationAsync(cancel.Token);
        await api.WaitForNextRequestsAsync(1, TestContext.Current.CancellationToken);
        Assert.False(next.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
    }

    [Fact]
    public async Task An_API_that_is_not_there_is_an_HttpRequestException_naming_the_endpoint()
    {
        var endpoint = $"127.0.0.1:{FreePort.Next()}";
        using var client = new RuntimeApiClient(endpoint);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetNextInvocationAsync(TestContext.Current.CancellationToken));

        Assert.Contains(endpoint, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("http://127.0.0.1:9001")]
    [InlineData("127.0.0.1:9001/2018-06-01")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:notaport")]
    public void An_endpoint_that_is_not_host_and_port_is_rejected_naming_the_parameter(string endpoint)
    {
        var error = Assert.Throws<ArgumentException>(() => new RuntimeApiClient(endpoint));

        Assert.Equal("endpoint", error.ParamName);
    }

    [Theory]
    [InlineData("127.0.0.1:9001", "127.0.0.1", 9001)]
    [InlineData("localhost:80", "localhost", 80)]
    [InlineData("[::1]:9001", "::1", 9001)]
    public void Parses_host_and_port(string value, string host, int port)
    {
        var endpoint = RuntimeApiEndpoint.Parse(value);

        Assert.Equal(host, endpoint.Host);
        Assert.Equal(port, endpoint.Port);
        Assert.Equal(value, endpoint.Authority);
    }
}
