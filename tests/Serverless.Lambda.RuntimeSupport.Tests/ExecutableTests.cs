using Serverless.TestSupport;

namespace Serverless.Lambda.RuntimeSupport.Tests;

/// <summary>The Lambda executable itself, started as a process against the local Runtime API, as Lambda would start it.</summary>
public sealed class ExecutableTests
{
    [Fact]
    public async Task Ping_answers_an_invocation_when_HANDLER_names_it_as_on_provided_al2023()
    {
        await using var api = await LocalRuntimeApi.StartAsync(ct: TestContext.Current.CancellationToken);
        await using var function = FunctionProcess.Start(api.Endpoint, ("_HANDLER", "ping"));

        var outcome = await RuntimeHarness.Bounded(api.Enqueue("{\"source\":\"smoke-test\"}"u8.ToArray(), new LocalInvocationOptions { RequestId = "req-ping-1" }).Outcome);

        Assert.Equal(InvocationOutcomeKind.Response, outcome.Kind);
        var reply = outcome.BodyJson();
        Assert.True(reply.GetProperty("ok").GetBoolean());
        Assert.Equal("ping", reply.GetProperty("function").GetString());
        Assert.Equal("serverless-ping", reply.GetProperty("functionName").GetString());
        Assert.Equal("req-ping-1", reply.GetProperty("requestId").GetString());
        Assert.StartsWith(".NET 10", reply.GetProperty("runtime").GetString(), StringComparison.Ordinal);
        Assert.False(reply.GetProperty("nativeAot").GetBoolean());
    }

    [Fact]
    public async Task On_the_managed_runtime_FUNCTION_HANDLER_names_the_function_while_HANDLER_names_the_assembly()
    {
        await using var api = await LocalRuntimeApi.StartAsync(ct: TestContext.Current.CancellationToken);
        await using var function = FunctionProcess.Start(api.Endpoint, ("_HANDLER", "Serverless.Functions.Lambda"), ("FUNCTION_HANDLER", "ping"));

        var first = await RuntimeHarness.Bounded(api.Enqueue("{}"u8.ToArray()).Outcome);
        var second = await RuntimeHarness.Bounded(api.Enqueue("{}"u8.ToArray()).Outcome);

        Assert.Equal("ping", first.BodyJson().GetProperty("function").GetString());
        Assert.Equal("ping", second.BodyJson().GetProperty("function").GetString());
    }

    [Fact]
    public async Task An_unknown_function_is_an_init_error_and_the_process_exits_non_zero()
    {
        await using var api = await LocalRuntimeApi.StartAsync(ct: TestContext.Current.CancellationToken);
        await using var function = FunctionProcess.Start(api.Endpoint, ("_HANDLER", "no-such-function"));

        var initError = await RuntimeHarness.Bounded(api.InitError);
        var exitCode = await function.WaitForExitAsync();

        Assert.Equal("Runtime.UnknownFunction", initError.ErrorType);
        var message = initError.BodyJson().GetProperty("errorMessage").GetString()!;
        Assert.StartsWith("No function is named 'no-such-function'. Known functions: ", message, StringComparison.Ordinal);
        // Every HTTP function and batch step the executable serves is listed, in order.
        Assert.Contains("async-start, async-status, batch, batch-admit, batch-fanout, batch-prepare, batch-release, batch-retry, batch-summarize, converse, converse-stream, invoke, invoke-stream, ping, quota, structured, tokens.", message, StringComparison.Ordinal);
        Assert.Equal(1, exitCode);
        Assert.Equal(0, api.NextRequestCount);
    }

    [Fact]
    public async Task SIGTERM_while_waiting_for_an_event_ends_the_process_cleanly()
    {
        await using var api = await LocalRuntimeApi.StartAsync(ct: TestContext.Current.CancellationToken);
        await using var function = FunctionProcess.Start(api.Endpoint, ("_HANDLER", "ping"));
        await RuntimeHarness.Bounded(api.Enqueue("{}"u8.ToArray()).Outcome);
        await api.WaitForNextRequestsAsync(2, TestContext.Current.CancellationToken);

        function.Terminate();

        Assert.Equal(0, await function.WaitForExitAsync());
    }

    [Fact]
    public async Task A_Runtime_API_that_is_not_there_ends_the_process_with_the_API_failure_code()
    {
        await using var function = FunctionProcess.Start($"127.0.0.1:{FreePort.Next()}", ("_HANDLER", "ping"));

        Assert.Equal(2, await function.WaitForExitAsync());
        Assert.Contains("could not be reached", function.Output, StringComparison.Ordinal);
    }
}
