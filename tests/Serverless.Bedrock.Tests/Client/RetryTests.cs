using System.Net;
using Serverless.Bedrock.Model;
using Serverless.Bedrock.Tests.Support;
using Serverless.TestSupport;

namespace Serverless.Bedrock.Tests.Client;

/// <summary>Backoff with full jitter on a manual clock: nothing here waits for real time.</summary>
public sealed class RetryTests
{
    private const string Ok = """
        {"output":{"message":{"role":"assistant","content":[{"text":"ok"}]}},"stopReason":"end_turn",
         "usage":{"inputTokens":1,"outputTokens":1,"totalTokens":2},"metrics":{"latencyMs":1}}
        """;

    private const string Throttled = """{"message":"slow down"}""";

    [Fact]
    public async Task Retryable_errors_are_retried_with_delays_inside_the_full_jitter_bounds()
    {
        var time = new ManualTimeProvider(TestOptions.Start);
        var handler = new FakeBedrockHandler()
            .Respond(HttpStatusCode.TooManyRequests, Throttled, ("x-amzn-ErrorType", "ThrottlingException"))
            .Respond(HttpStatusCode.ServiceUnavailable, "{}", ("x-amzn-ErrorType", "ServiceUnavailableException"))
            .Respond(HttpStatusCode.TooManyRequests, "{}", ("x-amzn-ErrorType", "ModelNotReadyException"))
            .Respond(HttpStatusCode.OK, Ok);
        var options = TestOptions.Create(handler, time, new Random(7));
        options.Retry = new RetryOptions { MaxAttempts = 4, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3), Deadline = TimeSpan.FromMinutes(1) };
        using var client = new BedrockRuntimeClient(options);

        var call = client.ConverseAsync(Requests.Converse(), TestContext.Current.CancellationToken);
        await DriveUntilDone(call, time, handler);
        var sendTimes = handler.Requests.Select(r => r.At).ToList();

        Assert.Equal("ok", (await call).Output.Message!.Content[0].Text);
        Assert.Equal(4, handler.Requests.Count);
        // Ceilings: 1 s, 2 s, then 4 s capped to MaxDelay 3 s.
        var ceilings = new[] { 1.0, 2.0, 3.0 };
        for (var i = 1; i < sendTimes.Count; i++)
        {
            var waited = (sendTimes[i] - sendTimes[i - 1]).TotalSeconds;
            Assert.InRange(waited, 0, ceilings[i - 1]);
        }

        // The jitter is the seeded Random's: the same seed gives the same waits.
        var expected = new Random(7);
        for (var i = 1; i < sendTimes.Count; i++)
        {
            var ticks = (long)(TimeSpan.FromSeconds(ceilings[i - 1]).Ticks * expected.NextDouble());
            // The driver advances the clock in 1 ms steps, so the send happens within 1 ms after the timer is due.
            Assert.InRange(sendTimes[i] - sendTimes[i - 1], TimeSpan.FromTicks(ticks) - TimeSpan.FromMilliseconds(1), TimeSpan.FromTicks(ticks) + TimeSpan.FromMilliseconds(1));
        }
    }

    [Fact]
    public async Task Max_attempts_bounds_the_retries_and_the_last_error_surfaces()
    {
        var time = new ManualTimeProvider(TestOptions.Start);
        var handler = new FakeBedrockHandler();
        for (var i = 0; i < 3; i++)
        {
            handler.Respond(HttpStatusCode.InternalServerError, "{}", ("x-amzn-ErrorType", "InternalServerException"));
        }

        var options = TestOptions.Create(handler, time);
        options.Retry.MaxAttempts = 3;
        using var client = new BedrockRuntimeClient(options);
        var call = client.ConverseAsync(Requests.Converse(), TestContext.Current.CancellationToken);
        await DriveUntilDone(call, time, handler);

        await Assert.ThrowsAsync<InternalServerException>(() => call);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Theory]
    [InlineData("ValidationException", 400)]
    [InlineData("ModelTimeoutException", 408)]
    [InlineData("AccessDeniedException", 403)]
    [InlineData("ServiceQuotaExceededException", 400)]
    public async Task Non_retryable_errors_are_not_retried(string code, int status)
    {
        var handler = new FakeBedrockHandler().Respond((HttpStatusCode)status, "{}", ("x-amzn-ErrorType", code));
        using var client = new BedrockRuntimeClient(TestOptions.Create(handler));
        var error = await Assert.ThrowsAnyAsync<BedrockException>(() => client.ConverseAsync(Requests.Converse(), TestContext.Current.CancellationToken));
        Assert.Equal(code, error.ErrorCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Transport_failures_are_retried()
    {
        var time = new ManualTimeProvider(TestOptions.Start);
        var handler = new FakeBedrockHandler()
            .Throw(new HttpRequestException("connection reset"))
            .Respond(HttpStatusCode.OK, Ok);
        using var client = new BedrockRuntimeClient(TestOptions.Create(handler, time));
        var call = client.ConverseAsync(Requests.Converse(), TestContext.Current.CancellationToken);
        await DriveUntilDone(call, time, handler);
        await call;
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_retry_whose_wait_would_cross_the_deadline_is_not_attempted()
    {
        var time = new ManualTimeProvider(TestOptions.Start);
        var handler = new FakeBedrockHandler()
            .Respond(async (_, token) =>
            {
                // The first attempt itself takes 9 of the 10 seconds.
                await Task.Yield();
                time.Advance(TimeSpan.FromSeconds(9));
                return FakeBedrockHandler.Response(HttpStatusCode.TooManyRequests, "{}"u8.ToArray(), "application/json", ("x-amzn-ErrorType", "ThrottlingException"));
            })
            .Respond(HttpStatusCode.OK, Ok);
        var options = TestOptions.Create(handler, time, new AlwaysMaxRandom());
        options.Retry = new RetryOptions { MaxAttempts = 5, BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(2), Deadline = TimeSpan.FromSeconds(10) };
        using var client = new BedrockRuntimeClient(options);

        await Assert.ThrowsAsync<ThrottlingException>(() => client.ConverseAsync(Requests.Converse(), TestContext.Current.CancellationToken));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task The_deadline_cancels_a_hanging_attempt_with_a_timeout()
    {
        var time = new ManualTimeProvider(TestOptions.Start);
        var handler = new FakeBedrockHandler().Respond(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        var options = TestOptions.Create(handler, time);
        options.Retry.Deadline = TimeSpan.FromSeconds(30);
        using var client = new BedrockRuntimeClient(options);

        var call = client.ConverseAsync(Requests.Converse(), TestContext.Current.CancellationToken);
        await WaitFor(() => handler.Requests.Count == 1);
        time.Advance(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<TimeoutException>(() => call);
    }

    [Fact]
    public async Task Cancellation_stops_a_pending_retry_wait()
    {
        var time = new ManualTimeProvider(TestOptions.Start);
        var handler = new FakeBedrockHandler()
            .Respond(HttpStatusCode.TooManyRequests, "{}", ("x-amzn-ErrorType", "ThrottlingException"))
            .Respond(HttpStatusCode.OK, Ok);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var client = new BedrockRuntimeClient(TestOptions.Create(handler, time));

        var call = client.ConverseAsync(Requests.Converse(), cts.Token);
        // The delay timer plus the deadline timer are armed once the client waits to retry.
        await WaitFor(() => time.PendingTimers >= 2 && handler.Requests.Count == 1);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(handler.Requests);
    }

    /// <summary>Advances the clock whenever the client is waiting for a retry.</summary>
    private static async Task DriveUntilDone(Task call, ManualTimeProvider time, FakeBedrockHandler handler)
    {
        while (true)
        {
            if (call.IsCompleted)
            {
                return;
            }

            if (time.PendingTimers >= 2)
            {
                // Jump to the retry timer (the deadline timer is far away): advance by the smallest step that fires it.
                time.Advance(TimeSpan.FromMilliseconds(1));
                continue;
            }

            await Task.Delay(1, TestContext.Current.CancellationToken);
        }
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 5000 && !condition(); i++)
        {
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        Assert.True(condition());
    }

    /// <summary>Jitter at its ceiling, to make a deadline crossing deterministic.</summary>
    private sealed class AlwaysMaxRandom : Random
    {
        public override double NextDouble() => 0.999999;
    }
}
