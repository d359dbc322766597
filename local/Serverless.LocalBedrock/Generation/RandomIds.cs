namespace Serverless.LocalBedrock.Generation;

/// <summary>Id strings (message ids, tool use ids, padding) drawn from a seeded Random.</summary>
internal static class RandomIds
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Base62(Random random, int length)
    {
        return string.Create(length, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[r.Next(Alphabet.Length)];
            }
        });
    }

    private const string PaddingLetters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>Bedrock pads stream events with a "p" member (a prefix of this alphabet) so payload sizes leak nothing about the text.</summary>
    public static string Padding(Random random) => PaddingLetters[..(1 + random.Next(PaddingLetters.Length))];
}
