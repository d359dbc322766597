using Serverless.Batch.Contracts;

namespace Serverless.Batch.Jobs;

/// <summary>
/// The waits between GetModelInvocationJob polls: short while a job is young (small jobs finish in minutes), then
/// long (a large job takes hours, and every poll costs state transitions). Defaults: 1, 2, 5, 10, 15, 30 minutes,
/// then every 45 minutes — 37 polls in 24 hours instead of 1,440 at a fixed minute.
/// </summary>
public sealed record PollPlanSettings
{
    public IReadOnlyList<int> RampSeconds { get; init; } = [60, 120, 300, 600, 900, 1800];

    public int SteadySeconds { get; init; } = 2700;

    /// <summary>Polls beyond the job's timeout before the plan ends (Bedrock ends it as Expired by then).</summary>
    public TimeSpan Margin { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Waits after a StopModelInvocationJob until the job reports Stopped.</summary>
    public int StoppingSeconds { get; init; } = 60;

    public int StoppingPolls { get; init; } = 15;
}

/// <summary>Builds the precomputed plan the state machine walks with intrinsic functions (<see cref="PollState"/>).</summary>
public static class PollPlan
{
    public static PollState Build(PollPlanSettings settings, int timeoutHours, DateTimeOffset? deadline, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var horizon = (long)(TimeSpan.FromHours(timeoutHours) + settings.Margin).TotalSeconds;
        long? stopAfter = deadline is { } d ? Math.Max(1, (long)Math.Ceiling((d - now).TotalSeconds)) : null;
        var schedule = new List<int>();
        long elapsed = 0;
        var stopAt = -1;
        while (elapsed < horizon)
        {
            var wait = schedule.Count < settings.RampSeconds.Count ? settings.RampSeconds[schedule.Count] : settings.SteadySeconds;
            if (stopAfter is { } limit && elapsed + wait >= limit)
            {
                // The poll after this (shortened) wait falls on the deadline: the job is stopped there.
                schedule.Add((int)Math.Max(1, limit - elapsed));
                stopAt = schedule.Count - 1;
                break;
            }

            schedule.Add(wait);
            elapsed += wait;
        }

        if (stopAt < 0)
        {
            stopAt = schedule.Count - 1;
        }

        for (var i = 0; i < settings.StoppingPolls; i++)
        {
            schedule.Add(settings.StoppingSeconds);
        }

        return new PollState { Index = 0, Seconds = schedule[0], Schedule = schedule, StopAt = stopAt, GiveUpAt = schedule.Count - 1 };
    }
}
