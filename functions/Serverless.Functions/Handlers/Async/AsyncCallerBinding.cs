using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Serverless.Functions.Handlers.Async;

/// <summary>
/// Ties an asynchronous invocation to the caller that started it, inside the one thing Bedrock keeps and returns with
/// it: the client request token. The token sent to Bedrock is <c>&lt;caller tag&gt;.&lt;the caller's token&gt;</c>, so
/// <list type="bullet">
/// <item>a status lookup answers only the caller whose tag the stored token carries (any other caller, and any
/// invocation started outside this API, gets the same 404 as a missing one), with no table to keep;</item>
/// <item>two callers that happen to send the same token start two invocations: Bedrock's idempotency is per
/// account, and without the tag the second caller would be handed the first one's invocation.</item>
/// </list>
/// The tag is a hash of the authenticated caller id, which a caller cannot choose, so it needs no secret.
/// </summary>
internal static class AsyncCallerBinding
{
    /// <summary>Bedrock's limit on a client request token (AsyncInvokeIdempotencyToken: 1–256 printable characters).</summary>
    public const int BedrockTokenLength = 256;

    private const int TagLength = 16;

    /// <summary>The longest token a caller may give: Bedrock's limit less the tag and its separator.</summary>
    public const int MaxOwnTokenLength = BedrockTokenLength - TagLength - 1;

    public static string Bind(string callerId, string ownToken) => Tag(callerId) + "." + ownToken;

    /// <summary>The caller's own token when <paramref name="boundToken"/> carries this caller's tag.</summary>
    public static bool TryUnbind(string callerId, string? boundToken, [NotNullWhen(true)] out string? ownToken)
    {
        var prefix = Tag(callerId) + ".";
        if (boundToken is not null && boundToken.StartsWith(prefix, StringComparison.Ordinal))
        {
            ownToken = boundToken[prefix.Length..];
            return true;
        }

        ownToken = null;
        return false;
    }

    private static string Tag(string callerId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("async-caller\n" + callerId), hash);
        return Convert.ToHexStringLower(hash[..(TagLength / 2)]);
    }
}
