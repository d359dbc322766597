using Serverless.Lambda.RuntimeSupport;

namespace Serverless.Lambda.RuntimeSupport.Tests;

public sealed class FunctionSelectorTests
{
    private const string Assembly = "Serverless.Functions.Lambda";

    [Fact]
    public void On_provided_al2023_HANDLER_names_the_function()
    {
        var environment = Environment(("_HANDLER", "ping"));

        Assert.Equal("ping", FunctionSelector.SelectName(environment, Assembly));
    }

    [Theory]
    [InlineData(Assembly)]
    [InlineData(Assembly + ".dll")]
    public void On_the_managed_runtime_HANDLER_is_the_assembly_and_FUNCTION_HANDLER_names_the_function(string handler)
    {
        var environment = Environment(("_HANDLER", handler), ("FUNCTION_HANDLER", "invoke-stream"));

        Assert.Equal("invoke-stream", FunctionSelector.SelectName(environment, Assembly));
    }

    [Fact]
    public void The_assembly_name_without_FUNCTION_HANDLER_is_an_init_error_that_says_what_to_set()
    {
        var environment = Environment(("_HANDLER", Assembly));

        var error = Assert.Throws<LambdaInitException>(() => FunctionSelector.SelectName(environment, Assembly));

        Assert.Equal("Runtime.NoHandler", error.ErrorType);
        Assert.Contains("set FUNCTION_HANDLER", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FUNCTION_HANDLER_wins_over_HANDLER()
    {
        var environment = Environment(("_HANDLER", "ping"), ("FUNCTION_HANDLER", "tokens"));

        Assert.Equal("tokens", FunctionSelector.SelectName(environment, Assembly));
    }

    [Fact]
    public void Empty_settings_count_as_unset()
    {
        var environment = Environment(("_HANDLER", ""), ("FUNCTION_HANDLER", ""));

        Assert.Throws<LambdaInitException>(() => FunctionSelector.SelectName(environment, Assembly));
    }

    private static LambdaEnvironment Environment(params (string Name, string Value)[] variables) =>
        LambdaEnvironment.FromDictionary(variables.ToDictionary(v => v.Name, v => (string?)v.Value));
}
