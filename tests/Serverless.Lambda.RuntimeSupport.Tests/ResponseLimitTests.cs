using Serverless.Lambda.RuntimeSupport;
using Serverless.TestSupport;

namespace Serverless.Lambda.RuntimeSupport.Tests;

public sealed class ResponseLimitTests
{
    [Fact]
    public async Task A_response_over_Lambdas_limit_gets_413_and_is_reported_as_the_invocations_error()
    {
        await using var runtime = await RuntimeHarness.StartAsync(new BufferedHandler((payload, _, _) =>
            ValueTask.FromResult<ReadOnlyMemory<byte>>(payload.Span.SequenceEqual("big"u8) ? new byte[LocalRuntimeApi.MaxBufferedResponseBytes + 1] : payload)));

        var outcome = await runtime.InvokeAsync("big"u8.ToArray());
        var next = await runtime.InvokeAsync("small"u8.ToArray());

        Assert.Equal(InvocationOutcomeKind.Error, outcome.Kind);
        Assert.Equal("Function.ResponseSizeTooLarge", outcome.ErrorTypeHeader);
        Assert.Contains("6291557 bytes", outcome.BodyJson().GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal("small", next.BodyText);
    }

    [Fact]
    public async Task A_response_at_the_limit_is_accepted()
    {
        await using var runtime = await RuntimeHarness.StartAsync(new BufferedHandler((_, _, _) =>
            ValueTask.FromResult<ReadOnlyMemory<byte>>(new byte[LocalRuntimeApi.MaxBufferedResponseBytes])));

        var outcome = await runtime.InvokeAsync("{}"u8.ToArray());

        Assert.Equal(InvocationOutcomeKind.Response, outcome.Kind);
        Assert.Equal(LocalRuntimeApi.MaxBufferedResponseBytes, outcome.Body.Length);
    }
}
