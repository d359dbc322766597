namespace Serverless.LocalBedrock.Jobs.Common;

/// <summary>Resource ids drawn from a seeded generator, so a test run names its jobs the same way every time.</summary>
internal sealed class SeededIds(int seed)
{
    private const string LowerAlphanumeric = "abcdefghijklmnopqrstuvwxyz0123456789";
    private readonly Random _random = new(seed);
    private readonly object _gate = new();

    private const string UpperAlphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>An 11-character uppercase alphanumeric id, the form Bedrock gives records that have no recordId.</summary>
    public string NextRecordId() => Draw(11, UpperAlphanumeric);

    /// <summary>12 lowercase letters and digits, the id form of job and invocation ARNs.</summary>
    public string Next() => Draw(12, LowerAlphanumeric);

    private string Draw(int length, string alphabet)
    {
        var chars = new char[length];
        lock (_gate)
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[_random.Next(alphabet.Length)];
            }
        }

        return new string(chars);
    }
}
