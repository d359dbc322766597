using System.Security.Cryptography;
using System.Text;

namespace Serverless.LocalBedrock.Generation;

/// <summary>Turns strings into a seed that is the same on every run and machine (string.GetHashCode is randomised per process).</summary>
internal static class StableSeed
{
    public static int From(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u0000", parts)));
        return BitConverter.ToInt32(hash, 0) & int.MaxValue;
    }
}
