using Serverless.Conversations;
using Serverless.Functions.Errors;
using Serverless.Functions.Requests;

namespace Serverless.Functions.Memory;

/// <summary>
/// What a Converse body asks of conversation memory: nothing, continue <c>conversationId</c>, or start a new
/// conversation (<c>"newConversation": true</c>; the id is made here and returned).
/// </summary>
internal sealed record ConversationRequest(string? ConversationId, bool Start)
{
    public static ConversationRequest None { get; } = new(null, false);

    public bool UsesMemory => ConversationId is not null || Start;

    public static ConversationRequest Take(ExtraMembers extra)
    {
        var conversationId = extra.TakeString("conversationId");
        var start = extra.Take("newConversation") is { } flag && (flag.ValueKind switch
        {
            System.Text.Json.JsonValueKind.True => true,
            System.Text.Json.JsonValueKind.False => false,
            _ => throw FunctionException.BadRequest("newConversation", "must be true or false"),
        });
        if (start && conversationId is not null)
        {
            throw FunctionException.BadRequest("conversationId", "must be absent when newConversation is true (the new conversation's id is returned)");
        }

        if (conversationId is not null && ConversationKey.ValidateConversationId(conversationId) is { } problem)
        {
            throw FunctionException.BadRequest("conversationId", problem.Replace("conversationId ", "", StringComparison.Ordinal).TrimEnd('.'));
        }

        return new ConversationRequest(conversationId, start);
    }
}
