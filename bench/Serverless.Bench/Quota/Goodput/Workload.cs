using System.Text;

namespace Serverless.Bench.Quota.Goodput;

/// <summary>One simulated request: when it arrives (from the start of the run) and what it asks.</summary>
public sealed record SimulatedRequest(int Index, TimeSpan ArrivesAt, string Prompt, int MaxTokens);

/// <summary>
/// The arrivals of a scenario: a Poisson process at the offered rate over the load duration, prompts of a seeded
/// random length. Both callers replay the same list, so they face exactly the same load.
/// </summary>
public static class Workload
{
    private static readonly string[] Words =
    [
        "summarize", "the", "quarterly", "report", "for", "our", "board", "and", "list", "risks", "with",
        "owners", "dates", "customer", "feedback", "about", "latency", "pricing", "support", "tickets", "in",
        "each", "region", "explain", "trends", "briefly", "then", "suggest", "three", "actions", "ranked", "by",
        "impact", "effort", "cost", "of", "delay",
    ];

    public static IReadOnlyList<SimulatedRequest> Arrivals(GoodputScenario scenario)
    {
        var random = new Random(scenario.Seed);
        var meanGapSeconds = 60.0 / scenario.OfferedRequestsPerMinute;
        var requests = new List<SimulatedRequest>();
        var at = TimeSpan.Zero;
        while (true)
        {
            // Exponential gaps: 1 - NextDouble() is in (0, 1], so the log is finite.
            at += TimeSpan.FromSeconds(-Math.Log(1 - random.NextDouble()) * meanGapSeconds);
            if (at >= scenario.Duration)
            {
                return requests;
            }

            var words = random.Next(scenario.PromptWordsMin, scenario.PromptWordsMax + 1);
            requests.Add(new SimulatedRequest(requests.Count, at, Prompt(requests.Count, words, random), scenario.MaxTokens));
        }
    }

    private static string Prompt(int index, int words, Random random)
    {
        var text = new StringBuilder("Request ").Append(index).Append(':');
        for (var i = 0; i < words; i++)
        {
            text.Append(' ').Append(Words[random.Next(Words.Length)]);
        }

        return text.ToString();
    }
}
