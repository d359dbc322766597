using System.Text;
using System.Text.Json;
using Serverless.Lambda.RuntimeSupport;
using Serverless.TestSupport;

namespace Serverless.Lambda.RuntimeSupport.Tests;

public sealed class LoopTests
{
    public static TheoryData<string> EventSamples() => new(SampleFiles());

    private static IEnumerable<string> SampleFiles() =>
        Directory.EnumerateFiles(RepoPaths.Fixture("lambda-events"), "*.json", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(RepoPaths.Fixture("lambda-events"), file))
            .Order(StringComparer.Ordinal);

    [Fact]
    public async Task Serves_several_invocations_in_order_on_one_loop()
    {
        var seen = new List<string>();
        await using var runtime = await RuntimeHarness.StartAsync(new BufferedHandler((payload, context, _) =>
        {
            seen.Add(context.AwsRequestId);
            return ValueTask.FromResult<ReadOnlyMemory<byte>>(Encoding.UTF8.GetBytes($"{context.AwsRequestId}:{Encoding.UTF8.GetString(payload.Span)}"));
        }));

        for (var i = 0; i < 5; i++)
        {
            var outcome = await runtime.InvokeAsync(Encoding.UTF8.GetBytes($"event-{i}"), new LocalInvocationOptions { RequestId = $"req-{i}" });
            Assert.Equal(InvocationOutcomeKind.Response, outcome.Kind);
            Assert.Equal($"req-{i}:event-{i}", outcome.BodyText);
        }

        Assert.Equal(["req-0", "req-1", "req-2", "req-3", "req-4"], seen);
        await runtime.Api.WaitForNextRequestsAsync(6, TestContext.Current.CancellationToken);
    }

    [Theory]
    [MemberData(nameof(EventSamples))]
    public async Task Passes_real_event_payloads_to_the_handler_byte_for_byte(string sample)
    {
        var bytes = await File.ReadAllBytesAsync(RepoPaths.Fixture("lambda-events", sample), TestContext.Current.CancellationToken);
        byte[]? received = null;
        await using var runtime = await RuntimeHarness.StartAsync(new BufferedHandler((payload, _, _) =>
        {
            received = payload.ToArray();
            return ValueTask.FromResult(payload);
        }));

        var outcome = await runtime.InvokeAsync(bytes);

        Assert.Equal(bytes, received);
        Assert.Equal(bytes, outcome.Body);
    }

    [Fact]
    public void The_event_samples_include_files_that_start_with_a_BOM()
    {
        // The byte-exact theory above only proves BOMs survive if some samples have one (SOURCES.md: 7 do).
        var withBom = SampleFiles().Count(sample => File.ReadAllBytes(RepoPaths.Fixture("lambda-events", sample)).AsSpan().StartsWith("\uFEFF"u8));
        Assert.True(withBom >= 7, $"{withBom} samples start with a UTF-8 BOM");
    }

    [Fact]
    public async Task A_handler_exception_is_posted_to_error_with_its_type_and_message()
    {
        await using var runtime = await RuntimeHarness.StartAsync(new BufferedHandler((_, _, _) => throw new InvalidOperationException("the model is not enabled")));

        var outcome = await runtime.InvokeAsync("{}"u8.ToArray());

        Assert.Equal(InvocationOutcomeKind.Error, outcome.Kind);
        Assert.Equal("InvalidOperationException", outcome.ErrorTypeHeader);
        var error = outcome.BodyJson();
        Assert.Equal("InvalidOperationException", error.GetProperty("errorType").GetString());
        Assert.Equal("the model is not enabled", error.GetProperty("errorMessage").GetString());
        Assert.Equal(JsonValueKind.Array, error.GetProperty("stackTrace").ValueKind);
        Assert.NotEmpty(error.GetProperty("stackTrace").EnumerateArray());
    }

    [Fact]
    public async Task The_loop_goes_on_after_a_failed_invocation()
    {
        await using var runtime = await RuntimeHarness.StartAsync(new BufferedHandler((payload, _, _) =>
            payload.Span.SequenceEqual("fail"u8) ? throw new ArgumentException("bad event", "payload") : ValueTask.FromResult(payload)));

        Assert.Equal(InvocationOutcomeKind.Error, (await runtime.InvokeAsync("fail"u8.ToArray())).Kind);
        var next = await runtime.InvokeAsync("ok"u8.ToArray());

        Assert.Equal(InvocationOutcomeKind.Response, next.Kind);
        Assert.Equal("ok", next.BodyText);
    }

    [Fact]
    public async Task The_context_carries_the_invocation_headers_and_the_function_environment()
    {
        ILambdaContext? seen = null;
        string? traceVariable = null;
        var harness = await RuntimeHarness.StartAsync(new BufferedHandler((payload, context, _) =>
        {
            seen = context;
            return ValueTask.FromResult(payload);
        }));
        await using var runtime = harness;
        var options = new LocalInvocationOptions
        {
            RequestId = "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
            InvokedFunctionArn = "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime:prod",
            TraceId = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1",
            ClientContext = """{"client":{"installation_id":"abc"},"env":{"platform":"Android"}}""",
            CognitoIdentity = """{"cognitoIdentityId":"us-east-2:1234","cognitoIdentityPoolId":"us-east-2:pool"}""",
            Timeout = TimeSpan.FromMinutes(5),
        };

        var invocation = runtime.Api.Enqueue("{}"u8.ToArray(), options);
        await RuntimeHarness.Bounded(invocation.Outcome);
        traceVariable = runtime.Environment[LambdaEnvironment.TraceId];

        Assert.NotNull(seen);
        Assert.Equal(options.RequestId, seen.AwsRequestId);
        Assert.Equal(options.InvokedFunctionArn, seen.InvokedFunctionArn);
        Assert.Equal(options.TraceId, seen.TraceId);
        Assert.Equal(options.TraceId, traceVariable);
        Assert.Equal(options.ClientContext, seen.ClientContextJson);
        Assert.Equal(options.CognitoIdentity, seen.CognitoIdentityJson);
        Assert.Equal(invocation.Deadline!.Value.ToUnixTimeMilliseconds(), seen.Deadline.ToUnixTimeMilliseconds());
        Assert.Equal("local-function", seen.FunctionName);
        Assert.Equal("$LATEST", seen.FunctionVersion);
        Assert.Equal(512, seen.MemoryLimitInMB);
        Assert.Equal("/aws/lambda/local-function", seen.LogGroupName);
        Assert.Equal("2026/01/01/[$LATEST]0123456789abcdef", seen.LogStreamName);
    }

    [Fact]
    public async Task The_trace_variable_follows_each_invocation_and_is_cleared_when_one_has_none()
    {
        string? traced = null;
        await using var runtime = await RuntimeHarness.StartAsync(new BufferedHandler((payload, context, _) =>
        {
            traced = context.TraceId;
            return ValueTask.FromResult(payload);
        }));

        await runtime.InvokeAsync("{}"u8.ToArray(), new LocalInvocationOptions { TraceId = "Root=1-aaaa" });
        Assert.Equal("Root=1-aaaa", runtime.Environment[LambdaEnvironment.TraceId]);
        await runtime.InvokeAsync("{}"u8.ToArray());

        Assert.Null(traced);
        Assert.Null(runtime.Environment[LambdaEnvironment.TraceId]);
    }
}
