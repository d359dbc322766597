using Serverless.TestSupport;
using Serverless.Lambda.RuntimeSupport;

namespace Serverless.Lambda.RuntimeSupport.Tests;

public sealed class InitErrorTests
{
    [Fact]
    public async Task An_unknown_function_name_is_posted_to_init_error_before_any_next_and_ends_the_loop_non_zero()
    {
        var functions = new FunctionRegistry()
            .AddBuffered("ping", () => BufferedHandler.Echo)
            .AddBuffered("invoke", () => BufferedHandler.Echo);
        await using var runtime = await RuntimeHarness.StartAsync(functions, "converse");

        var initError = await RuntimeHarness.Bounded(runtime.Api.InitError);
        var exitCode = await RuntimeHarness.Bounded(runtime.Loop);

        Assert.Equal(LambdaBootstrap.InitErrorExitCode, exitCode);
        Assert.Equal("Runtime.UnknownFunction", initError.ErrorType);
        var body = initError.BodyJson();
        Assert.Equal("Runtime.UnknownFunction", body.GetProperty("errorType").GetString());
        var message = body.GetProperty("errorMessage").GetString();
        Assert.Equal("No function is named 'converse'. Known functions: invoke, ping.", message);
        Assert.Equal(0, runtime.Api.NextRequestCount);
    }

    [Fact]
    public async Task No_handler_setting_at_all_is_an_init_error_naming_both_variables()
    {
        await using var runtime = await RuntimeHarness.StartAsync(new FunctionRegistry().AddBuffered("ping", () => BufferedHandler.Echo), handlerSetting: null);

        var initError = await RuntimeHarness.Bounded(runtime.Api.InitError);

        Assert.Equal(LambdaBootstrap.InitErrorExitCode, await RuntimeHarness.Bounded(runtime.Loop));
        Assert.Equal("Runtime.NoHandler", initError.ErrorType);
        Assert.Contains("FUNCTION_HANDLER", initError.BodyJson().GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Contains("_HANDLER", initError.BodyJson().GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_factory_runs_on_the_first_invocation_not_before_the_first_next()
    {
        var built = 0;
        var functions = new FunctionRegistry().AddBuffered(RuntimeHarness.FunctionName, () =>
        {
            built++;
            return BufferedHandler.Echo;
        });
        await using var runtime = await RuntimeHarness.StartAsync(functions, RuntimeHarness.FunctionName);

        await runtime.Api.WaitForNextRequestsAsync(1, TestContext.Current.CancellationToken);
        Assert.Equal(0, built);
        await runtime.InvokeAsync("1"u8.ToArray());
        await runtime.InvokeAsync("2"u8.ToArray());

        Assert.Equal(1, built);
    }

    [Fact]
    public async Task A_factory_that_throws_fails_that_invocation_and_is_tried_again_on_the_next()
    {
        var attempts = 0;
        var functions = new FunctionRegistry().AddBuffered(RuntimeHarness.FunctionName, () =>
            ++attempts == 1 ? throw new InvalidOperationException("table name missing") : BufferedHandler.Echo);
        await using var runtime = await RuntimeHarness.StartAsync(functions, RuntimeHarness.FunctionName);

        var first = await runtime.InvokeAsync("1"u8.ToArray());
        var second = await runtime.InvokeAsync("2"u8.ToArray());

        Assert.Equal(InvocationOutcomeKind.Error, first.Kind);
        Assert.Equal("table name missing", first.BodyJson().GetProperty("errorMessage").GetString());
        Assert.Equal("2", second.BodyText);
    }
}
