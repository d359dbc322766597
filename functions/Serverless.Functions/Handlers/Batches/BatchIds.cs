using System.Security.Cryptography;
using System.Text;

namespace Serverless.Functions.Handlers.Batches;

/// <summary>
/// A batch's id is a hash of the caller, the Idempotency-Key header and the body: resending the same request (after
/// a timeout) names the same batch, hence the same input file and the same execution; a <c>clientToken</c> in the
/// body (or a new Idempotency-Key) makes otherwise identical requests distinct batches. Because the id covers
/// everything the execution input is made from, an execution of that name always has that input.
/// </summary>
internal static class BatchIds
{
    public static string Derive(string callerId, string? idempotencyKey, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(callerId));
        hash.AppendData("\n"u8);
        hash.AppendData(Encoding.UTF8.GetBytes(idempotencyKey ?? ""));
        hash.AppendData("\n"u8);
        hash.AppendData(body);
        // 128 bits in 32 hex characters: a valid batchId ([A-Za-z0-9._-], ≤ 64) and execution name (≤ 80).
        return "b-" + Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }

    /// <summary>True for an id <see cref="Derive"/> could have made: "b-" and 32 lowercase hex digits.</summary>
    public static bool IsWellFormed(string batchId)
        => batchId.Length == 34 && batchId.StartsWith("b-", StringComparison.Ordinal) && !batchId.AsSpan(2).ContainsAnyExcept("0123456789abcdef");
}
