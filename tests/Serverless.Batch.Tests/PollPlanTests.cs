using Serverless.Batch.Jobs;

namespace Serverless.Batch.Tests;

public sealed class PollPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Polls until the first poll at or after <paramref name="seconds"/>.</summary>
    private static int PollsFor(IReadOnlyList<int> schedule, long seconds)
    {
        long elapsed = 0;
        for (var i = 0; i < schedule.Count; i++)
        {
            elapsed += schedule[i];
            if (elapsed >= seconds)
            {
                return i + 1;
            }
        }

        throw new InvalidOperationException("the plan ends before that");
    }

    [Fact]
    public void A_24_hour_job_is_polled_37_times_within_200_transitions()
    {
        var plan = PollPlan.Build(new PollPlanSettings(), 24, null, Now);

        var polls = PollsFor(plan.Schedule, 24 * 3600);
        Assert.Equal(37, polls);
        // Wait + GetJob + JobStatus per poll, NextPoll between polls, and 12 states outside the loop (Prepare … Done).
        Assert.Equal(159, (4 * polls) - 1 + 12);
        Assert.True(plan.Schedule.Take(plan.StopAt + 1).Sum() >= (24 + 1) * 3600, "the plan outlives the job's timeout");
        Assert.Equal(plan.Schedule.Count - 1, plan.GiveUpAt);
        Assert.Equal(plan.Schedule[0], plan.Seconds);
    }

    [Fact]
    public void A_deadline_ends_the_plan_on_the_deadline()
    {
        var plan = PollPlan.Build(new PollPlanSettings(), 24, Now.AddMinutes(100), Now);

        Assert.Equal(100 * 60, plan.Schedule.Take(plan.StopAt + 1).Sum());
        Assert.Equal(15, plan.GiveUpAt - plan.StopAt);
        Assert.All(plan.Schedule.Skip(plan.StopAt + 1), s => Assert.Equal(60, s));
    }
}
