using System.Text;

namespace Serverless.Conversations;

/// <summary>
/// Which conversation: the caller it belongs to (<see cref="Owner"/>, from the authenticated identity, never from the
/// request body) and the caller-chosen <see cref="ConversationId"/>. Every store lookup goes through both, so one
/// caller can never reach another's conversation: an id another owner uses is simply a conversation this owner has not
/// started (see docs/conversations.md, "Ownership").
/// </summary>
public sealed record ConversationKey
{
    public const int MaxConversationIdLength = 128;

    /// <summary>DynamoDB allows 2048 bytes of partition key; the owner takes most of it, the id the rest.</summary>
    public const int MaxOwnerBytes = 1024;

    public ConversationKey(string owner, string conversationId)
    {
        if (ValidateOwner(owner) is { } ownerError)
        {
            throw new ArgumentException(ownerError, nameof(owner));
        }

        if (ValidateConversationId(conversationId) is { } idError)
        {
            throw new ArgumentException(idError, nameof(conversationId));
        }

        Owner = owner;
        ConversationId = conversationId;
    }

    public string Owner { get; }

    public string ConversationId { get; }

    /// <summary>
    /// Null when <paramref name="conversationId"/> is acceptable, else a message naming the field and the problem, for
    /// a 400 response: 1–128 characters of A–Z a–z 0–9 '.' '_' ':' '-' (no '#', which separates owner and id in keys).
    /// </summary>
    public static string? ValidateConversationId(string? conversationId)
    {
        if (string.IsNullOrEmpty(conversationId))
        {
            return "conversationId must not be empty.";
        }

        if (conversationId.Length > MaxConversationIdLength)
        {
            return $"conversationId must be at most {MaxConversationIdLength} characters (was {conversationId.Length}).";
        }

        foreach (var c in conversationId)
        {
            if (!IsIdCharacter(c))
            {
                return $"conversationId may contain only A-Z, a-z, 0-9, '.', '_', ':' and '-' (found '{Printable(c)}').";
            }
        }

        return null;
    }

    /// <summary>Null when <paramref name="owner"/> is acceptable, else a message naming the problem.</summary>
    public static string? ValidateOwner(string? owner)
    {
        if (string.IsNullOrEmpty(owner))
        {
            return "owner must not be empty.";
        }

        var bytes = Encoding.UTF8.GetByteCount(owner);
        return bytes > MaxOwnerBytes ? $"owner must be at most {MaxOwnerBytes} UTF-8 bytes (was {bytes})." : null;
    }

    public override string ToString() => $"{Owner}#{ConversationId}";

    private static bool IsIdCharacter(char c)
        => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or ':' or '-';

    private static string Printable(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"\\u{(int)c:X4}" : c.ToString();
}
