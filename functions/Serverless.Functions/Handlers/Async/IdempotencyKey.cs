using System.Security.Cryptography;
using System.Text;

namespace Serverless.Functions.Handlers.Async;

/// <summary>
/// The client token StartAsyncInvoke is called with when the caller gives none: a hash of the caller and the body,
/// so a caller that resends the same start (after a lost response or a timeout) gets the same invocation back
/// instead of a second one. Callers that want two identical invocations send their own tokens.
/// </summary>
internal static class IdempotencyKey
{
    public static string Derive(string callerId, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(callerId));
        hash.AppendData("\n"u8);
        hash.AppendData(body);
        return "fn-" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
