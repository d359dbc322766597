using System.Text;

namespace Serverless.LocalBedrock.Generation;

/// <summary>Plausible-looking prose from a seed: the same seed always gives the same sentences.</summary>
internal static class SeededText
{
    private static readonly string[] Words =
    [
        "the", "model", "answer", "request", "token", "stream", "local", "service", "quota", "minute",
        "response", "signal", "bedrock", "function", "simple", "careful", "result", "value", "system", "client",
        "latency", "budget", "message", "content", "window", "throughput", "batch", "record", "retry", "limit",
        "small", "steady", "clear", "useful", "within", "across", "before", "after", "because", "while",
        "data", "text", "event", "frame", "header", "payload", "schema", "field", "example", "output",
        "is", "are", "was", "has", "can", "will", "should", "may", "and", "or", "of", "to", "in", "for",
    ];

    public static string Generate(Random random, int minWords, int maxWords)
    {
        var wordCount = random.Next(Math.Max(1, minWords), Math.Max(minWords, maxWords) + 1);
        var text = new StringBuilder();
        var sentenceStart = true;
        for (var i = 0; i < wordCount; i++)
        {
            var word = Words[random.Next(Words.Length)];
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(sentenceStart ? char.ToUpperInvariant(word[0]) + word[1..] : word);
            sentenceStart = false;
            var lastWord = i == wordCount - 1;
            if (lastWord || random.Next(9) == 0)
            {
                text.Append('.');
                sentenceStart = true;
            }
            else if (random.Next(14) == 0)
            {
                text.Append(',');
            }
        }

        return text.ToString();
    }

    /// <summary>A short deterministic word string, for schema strings.</summary>
    public static string SomeWords(Random random, int count)
    {
        var parts = new string[count];
        for (var i = 0; i < count; i++)
        {
            parts[i] = Words[random.Next(Words.Length)];
        }

        return string.Join(' ', parts);
    }
}
