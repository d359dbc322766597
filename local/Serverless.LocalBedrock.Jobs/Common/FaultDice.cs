namespace Serverless.LocalBedrock.Jobs.Common;

/// <summary>
/// Repeatable fault decisions: each roll hashes (seed, scope, index), so the outcome for a record does not depend
/// on the order in which concurrent records happen to be processed.
/// </summary>
internal sealed class FaultDice(int seed)
{
    /// <summary>True with probability <paramref name="rate"/> for this scope and index.</summary>
    public bool Roll(double rate, string scope, long index)
    {
        if (rate <= 0)
        {
            return false;
        }

        if (rate >= 1)
        {
            return true;
        }

        var mixed = SplitMix((ulong)(uint)seed ^ Fnv1a(scope) ^ SplitMix((ulong)index));
        return (mixed >> 11) * (1.0 / (1UL << 53)) < rate;
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
