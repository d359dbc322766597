using Serverless.Lambda.RuntimeSupport;

namespace Serverless.Lambda.RuntimeSupport.Tests;

public sealed class FunctionRegistryTests
{
    [Fact]
    public void Resolves_a_registered_name_and_tells_buffered_from_streaming()
    {
        var functions = new FunctionRegistry()
            .AddBuffered("invoke", () => BufferedHandler.Echo)
            .AddStreaming("invoke-stream", () => new StreamingHandler((_, _, _, _) => ValueTask.CompletedTask));

        Assert.False(functions.Resolve("invoke").IsStreaming);
        Assert.True(functions.Resolve("invoke-stream").IsStreaming);
        Assert.Equal(["invoke", "invoke-stream"], functions.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_duplicate_name_is_rejected_naming_the_parameter()
    {
        var functions = new FunctionRegistry().AddBuffered("ping", () => BufferedHandler.Echo);

        var error = Assert.Throws<ArgumentException>(() => functions.AddBuffered("ping", () => BufferedHandler.Echo));

        Assert.Equal("name", error.ParamName);
        Assert.Contains("'ping' is already registered", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("two words")]
    [InlineData("Assembly::Type::Method")]
    public void A_name_the_handler_setting_cannot_carry_is_rejected(string name)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new FunctionRegistry().AddBuffered(name, () => BufferedHandler.Echo));

        Assert.Equal("name", error.ParamName);
    }

    [Fact]
    public void An_empty_registry_says_so_when_a_name_is_not_found()
    {
        var error = Assert.Throws<LambdaInitException>(() => new FunctionRegistry().Resolve("ping"));

        Assert.Equal("No function is named 'ping'. Known functions: (none).", error.Message);
    }
}
