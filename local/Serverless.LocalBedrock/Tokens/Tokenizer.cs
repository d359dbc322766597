namespace Serverless.LocalBedrock.Tokens;

/// <summary>
/// The one token approximation every endpoint shares (CountTokens, usage, quotas, stream metadata), so the
/// numbers agree across operations. A token is an optional leading space plus up to four letters or digits, or
/// any other single character. The split is greedy and prefix-stable: the first N tokens of a text, joined,
/// tokenize back into exactly those N tokens, which is what lets a generator stop at maxTokens exactly.
/// </summary>
public static class Tokenizer
{
    private const int MaxWordPiece = 4;

    public static int Count(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var count = 0;
        for (var i = 0; i < text.Length; i += PieceLength(text, i))
        {
            count++;
        }

        return count;
    }

    /// <summary>The text split into token pieces.</summary>
    public static List<string> Split(string text)
    {
        var pieces = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            var length = PieceLength(text, i);
            pieces.Add(text.Substring(i, length));
            i += length;
        }

        return pieces;
    }

    private static int PieceLength(string text, int start)
    {
        var i = start;
        if (text[i] == ' ' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))
        {
            i++;
        }

        if (!char.IsLetterOrDigit(text[i]))
        {
            return 1;
        }

        var letters = 0;
        while (i < text.Length && letters < MaxWordPiece && char.IsLetterOrDigit(text[i]))
        {
            i++;
            letters++;
        }

        return i - start;
    }
}
