namespace Serverless.Bedrock.Http;

/// <summary>Fills unset clientRequestToken members, as the official SDKs do, from the injected Random.</summary>
internal static class IdempotencyToken
{
    public static string New(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        lock (random)
        {
            random.NextBytes(bytes);
        }

        return new Guid(bytes).ToString();
    }
}
