using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Serverless.Conversations.Storage.DynamoDb;

/// <summary>
/// One DynamoDB item: a part of a turn. A turn's Bedrock JSON is cut into parts of at most
/// <see cref="ConversationLimits.MaxPartBytes"/> so no item nears the 400 KB limit; nearly every turn is one part.
/// </summary>
internal sealed record TurnItem(long Turn, int Part, int Parts, byte[] Body, long CreatedAtMs, long ExpiresAtSeconds, int? InputTokens, int? OutputTokens)
{
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";
    public const string PartCount = "parts";
    public const string BodyAttribute = "body";
    public const string CreatedAt = "createdAt";
    public const string ExpiresAt = "ttl";
    public const string InputTokensAttribute = "inputTokens";
    public const string OutputTokensAttribute = "outputTokens";

    /// <summary>Sort keys step by this per turn: room for <see cref="ConversationLimits.MaxPartsPerTurn"/> parts.</summary>
    public const long PartsPerTurnKeySpace = 100;

    public static string PartitionKeyOf(ConversationKey key) => $"{key.Owner}#{key.ConversationId}";

    public static long SortKeyOf(long turn, int part) => (turn * PartsPerTurnKeySpace) + part;

    public Dictionary<string, AttributeValue> ToItem(ConversationKey key)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [PartitionKey] = new() { S = PartitionKeyOf(key) },
            [SortKey] = Number(SortKeyOf(Turn, Part)),
            [PartCount] = Number(Parts),
            [BodyAttribute] = new() { B = new MemoryStream(Body, writable: false) },
            [CreatedAt] = Number(CreatedAtMs),
            [ExpiresAt] = Number(ExpiresAtSeconds),
        };
        if (InputTokens is { } input)
        {
            item[InputTokensAttribute] = Number(input);
        }

        if (OutputTokens is { } output)
        {
            item[OutputTokensAttribute] = Number(output);
        }

        return item;
    }

    /// <summary>Reads an item this store wrote; anything else in the table is a corrupt conversation, reported as such.</summary>
    public static TurnItem FromItem(Dictionary<string, AttributeValue> item, string tableName)
    {
        try
        {
            var sortKey = long.Parse(item[SortKey].N, CultureInfo.InvariantCulture);
            return new TurnItem(
                sortKey / PartsPerTurnKeySpace,
                (int)(sortKey % PartsPerTurnKeySpace),
                int.Parse(item[PartCount].N, CultureInfo.InvariantCulture),
                item[BodyAttribute].B.ToArray(),
                long.Parse(item[CreatedAt].N, CultureInfo.InvariantCulture),
                long.Parse(item[ExpiresAt].N, CultureInfo.InvariantCulture),
                OptionalInt(item, InputTokensAttribute),
                OptionalInt(item, OutputTokensAttribute));
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or OverflowException or NullReferenceException or ArgumentNullException)
        {
            throw new ConversationStoreUnavailableException($"An item in conversation table '{tableName}' is not a conversation turn ({e.Message}).", e);
        }
    }

    private static int? OptionalInt(Dictionary<string, AttributeValue> item, string name)
        => item.TryGetValue(name, out var value) && value.N is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : null;

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };
}
