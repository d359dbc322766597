using System.Text;
using Serverless.Lambda.RuntimeSupport;
using Serverless.TestSupport;

namespace Serverless.Lambda.RuntimeSupport.Tests;

public sealed class DeadlineTests
{
    [Fact]
    public async Task The_token_fires_the_margin_before_the_deadline_on_the_injected_clock()
    {
        var time = new ManualTimeProvider();
        var handlerWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var runtime = await RuntimeHarness.StartAsync(
            new BufferedHandler(async (_, context, ct) =>
            {
                handlerWaiting.SetResult();
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                }

                return Encoding.UTF8.GetBytes($"{context.RemainingTime.TotalMilliseconds}|{context.CancellationToken.IsCancellationRequested}");
            }),
            time,
            margin: TimeSpan.FromMilliseconds(750));

        var invocation = runtime.Api.Enqueue("{}"u8.ToArray(), new LocalInvocationOptions { Timeout = TimeSpan.FromSeconds(10) });
        await RuntimeHarness.Bounded(handlerWaiting.Task.ContinueWith(_ => true, TaskScheduler.Default));
        await time.WaitForPendingTimersAsync(1);

        time.Advance(TimeSpan.FromMilliseconds(9_249));
        Assert.False(invocation.Outcome.IsCompleted);
        Assert.Equal(1, time.PendingTimers);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var outcome = await RuntimeHarness.Bounded(invocation.Outcome);

        Assert.Equal(InvocationOutcomeKind.Response, outcome.Kind);
        Assert.Equal("750|True", outcome.BodyText);
    }

    [Fact]
    public async Task RemainingTime_counts_down_on_the_clock_and_never_goes_negative()
    {
        var time = new ManualTimeProvider();
        await using var runtime = await RuntimeHarness.StartAsync(
            new BufferedHandler((_, context, _) =>
            {
                var before = context.RemainingTime;
                time.Advance(TimeSpan.FromSeconds(4));
                var after = context.RemainingTime;
                time.Advance(TimeSpan.FromSeconds(10));
                return ValueTask.FromResult<ReadOnlyMemory<byte>>(Encoding.UTF8.GetBytes($"{before.TotalSeconds}|{after.TotalSeconds}|{context.RemainingTime.TotalSeconds}"));
            }),
            time);

        var outcome = await runtime.InvokeAsync("{}"u8.ToArray(), new LocalInvocationOptions { Timeout = TimeSpan.FromSeconds(6) });

        Assert.Equal("6|2|0", outcome.BodyText);
    }

    [Fact]
    public async Task An_invocation_that_arrives_past_its_cancel_point_starts_cancelled()
    {
        var time = new ManualTimeProvider();
        await using var runtime = await RuntimeHarness.StartAsync(
            new BufferedHandler((_, _, ct) => ValueTask.FromResult<ReadOnlyMemory<byte>>(Encoding.UTF8.GetBytes(ct.IsCancellationRequested.ToString()))),
            time,
            margin: TimeSpan.FromSeconds(1));

        var outcome = await runtime.InvokeAsync("{}"u8.ToArray(), new LocalInvocationOptions { Timeout = TimeSpan.FromMilliseconds(500) });

        Assert.Equal("True", outcome.BodyText);
    }

    [Fact]
    public async Task A_deadline_beyond_what_a_timer_can_wait_leaves_the_token_to_shutdown()
    {
        await using var runtime = await RuntimeHarness.StartAsync(
            new BufferedHandler((_, context, ct) => ValueTask.FromResult<ReadOnlyMemory<byte>>(Encoding.UTF8.GetBytes($"{ct.IsCancellationRequested}|{context.RemainingTime.TotalDays:N0}"))));

        var outcome = await runtime.InvokeAsync("{}"u8.ToArray(), new LocalInvocationOptions { Timeout = TimeSpan.FromDays(100) });

        Assert.Equal(InvocationOutcomeKind.Response, outcome.Kind);
        Assert.Equal("False|100", outcome.BodyText);
    }
}
