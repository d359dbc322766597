namespace Serverless.Conversations;

/// <summary>Limits every store enforces the same way, so the in-memory store behaves like DynamoDB.</summary>
public static class ConversationLimits
{
    /// <summary>
    /// Bedrock JSON bytes of one turn. DynamoDB items are at most 400 KB, so a turn is split over items of at most
    /// <see cref="MaxPartBytes"/>; a multi-item turn is written in one transaction, which carries at most 4 MB in all.
    /// </summary>
    public const int MaxTurnBytes = MaxPartsPerTurn * MaxPartBytes;

    /// <summary>Body bytes per DynamoDB item: 350 KB leaves room for keys and attributes under the 400 KB item limit.</summary>
    public const int MaxPartBytes = 350 * 1024;

    /// <summary>Ten parts of 350 KB stay under a transaction's 4 MB.</summary>
    public const int MaxPartsPerTurn = 10;

    /// <summary>Most turns one load returns (a DynamoDB Query reads at most 1 MB per page; this bounds the pages).</summary>
    public const int MaxTurnsPerLoad = 1000;
}
