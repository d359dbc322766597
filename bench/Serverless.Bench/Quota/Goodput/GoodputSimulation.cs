using System.Diagnostics;
using Amazon.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Serverless.Bedrock;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Hosting;

namespace Serverless.Bench.Quota.Goodput;

/// <summary>
/// Runs one caller path through a scenario against a fresh local Bedrock on a fresh simulated clock. The loop is a
/// discrete-event simulation: start the arrivals that are due, wait (in real time) until every live request is
/// parked on simulated time (<see cref="Quiescence"/>), then move the clock to the next event (an arrival or a
/// timer), rounded up to the scenario's resolution. Load stops at the scenario's duration; the run goes on until
/// every request has finished or given up.
/// </summary>
public static class GoodputSimulation
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <param name="makeCaller">Builds the caller path from the shared context and the clock its waits must run on (e.g. the ledger's wait in line).</param>
    public static async Task<GoodputResult> RunAsync(
        GoodputScenario scenario,
        IReadOnlyList<SimulatedRequest> arrivals,
        Func<CallerContext, TimeProvider, ISimulatedCaller> makeCaller,
        CancellationToken cancellationToken)
    {
        var clock = new SimulatedClock(Start);
        var quiescence = new Quiescence(clock);
        var settings = LocalBedrockFor(scenario);
        var options = new LocalBedrockServerOptions
        {
            TimeProvider = quiescence.Server,
            MapEndpoints = app => app.Use(async (HttpContext http, RequestDelegate next) =>
            {
                quiescence.HandlerStarted();
                try
                {
                    await next(http).ConfigureAwait(false);
                }
                finally
                {
                    quiescence.HandlerEnded();
                }
            }),
        };

        await using var server = await LocalBedrockServer.StartAsync(settings, options, cancellationToken).ConfigureAwait(false);
        using var client = new BedrockRuntimeClient(new BedrockClientOptions
        {
            ServiceUrl = server.BaseAddress,
            Region = "us-east-1",
            Credentials = new BasicAWSCredentials("AKIDGOODPUTBENCH", "goodput-bench-secret"),
            Retry = new RetryOptions { MaxAttempts = 1 },
            TimeProvider = quiescence.Uncounted,
        });

        var recorder = new GoodputRecorder();
        var context = new CallerContext(scenario, client, quiescence, clock, recorder, settings.Models[scenario.ModelId].OutputTokenBurndown);
        var caller = makeCaller(context, quiescence.Callers);
        var running = new List<Task>();
        var wall = Stopwatch.StartNew();
        var steps = 0L;
        var next = 0;
        while (true)
        {
            while (next < arrivals.Count && arrivals[next].ArrivesAt <= clock.Elapsed)
            {
                quiescence.RequestStarted();
                running.Add(RunOneAsync(caller, arrivals[next], quiescence, recorder, cancellationToken));
                next++;
            }

            await quiescence.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (next == arrivals.Count && quiescence.LiveRequests == 0)
            {
                break;
            }

            var target = clock.NextDueAt;
            if (next < arrivals.Count && (target is null || Start + arrivals[next].ArrivesAt < target))
            {
                target = Start + arrivals[next].ArrivesAt;
            }

            clock.AdvanceTo(RoundUp(target ?? throw new InvalidOperationException("Live requests but nothing scheduled."), scenario.Resolution));
            steps++;
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        wall.Stop();
        var quota = server.Stats().Models.TryGetValue(scenario.ModelId, out var stats) ? stats : null;
        return GoodputResult.From(caller.Name, scenario, arrivals, recorder, caller.LedgerCounters, quota, wall.Elapsed, steps);
    }

    public static LocalBedrockSettings LocalBedrockFor(GoodputScenario scenario)
    {
        var settings = SettingsLoader.Defaults();
        settings.TimeScale = scenario.TimeScale;
        settings.Generation.MinWords = scenario.AnswerWordsMin;
        settings.Generation.MaxWords = scenario.AnswerWordsMax;
        if (!settings.Models.TryGetValue(scenario.ModelId, out var model))
        {
            throw new ArgumentException($"The local Bedrock has no model '{scenario.ModelId}'.", nameof(scenario));
        }

        model.Quota = new QuotaSettings { RequestsPerMinute = scenario.RequestsPerMinute, TokensPerMinute = scenario.TokensPerMinute };
        return settings;
    }

    private static async Task RunOneAsync(ISimulatedCaller caller, SimulatedRequest request, Quiescence quiescence, GoodputRecorder recorder, CancellationToken cancellationToken)
    {
        try
        {
            // Off the driver's thread at once, so a caller's synchronous prefix never runs inside the driver loop.
            await Task.Yield();
            await caller.RunAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            recorder.Failed();
            Console.Error.WriteLine($"request {request.Index} failed: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            quiescence.RequestEnded();
        }
    }

    private static DateTimeOffset RoundUp(DateTimeOffset at, TimeSpan resolution)
    {
        var steps = ((at - Start).Ticks + resolution.Ticks - 1) / resolution.Ticks;
        return Start + TimeSpan.FromTicks(steps * resolution.Ticks);
    }
}
