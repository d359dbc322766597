using Serverless.Bedrock.Model;
using Serverless.Conversations;
using Serverless.Conversations.Memory;
using Serverless.Functions.Configuration;
using Serverless.Functions.Errors;

namespace Serverless.Functions.Memory;

/// <summary>
/// Conversation memory as the converse functions use it: <see cref="BeginAsync"/> loads the caller's history and
/// returns the messages to send; the returned turn is stored by <see cref="ConversationTurnScope.CompleteAsync"/>
/// only after Bedrock answered, so a failed call changes nothing.
/// <para>
/// A conversationId this caller never started is answered 404, also when another caller uses that id: conversations
/// are stored under their owner, so another caller's conversation is not found — and a 403 would tell the caller that
/// the id exists for somebody else.
/// </para>
/// </summary>
internal sealed class TurnMemory(Func<ConversationMemory?> memory, FunctionsConfiguration configuration, Random random, BedrockConversationSummarizer? summarizer = null)
{
    private const string IdAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public async ValueTask<ConversationTurnScope> BeginAsync(string caller, ConversationRequest conversation, string modelId,
        List<Message> messages, FunctionContext context, CancellationToken cancellationToken)
    {
        if (!conversation.UsesMemory)
        {
            return ConversationTurnScope.WithoutMemory(messages);
        }

        var store = memory() ?? throw FunctionException.BadRequest(
            conversation.Start ? "newConversation" : "conversationId", "conversation memory is not enabled on this deployment");
        var conversationId = conversation.ConversationId ?? NewId();
        PreparedTurn prepared;
        try
        {
            prepared = await store.PrepareAsync(caller, conversationId, messages,
                new ConversationBudget(modelId, configuration.ConversationTokenBudget), summarizer?.For(caller, context), cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException exception)
        {
            // Memory words its checks "messages[1].role must be 'user': ..."; callers get "field: problem" everywhere.
            var message = exception.Message.Split(" (Parameter", 2)[0];
            var space = message.IndexOf(' ', StringComparison.Ordinal);
            throw space <= 0
                ? FunctionException.BadRequest("messages", message)
                : FunctionException.BadRequest(message[..space], message[(space + 1)..].TrimEnd('.'));
        }
        catch (ConversationTurnTooLargeException exception)
        {
            throw new FunctionException(new FunctionError(413, ErrorCodes.PayloadTooLarge,
                $"{exception.Field}: is {exception.Bytes} bytes as Bedrock JSON; a conversation turn may be at most {exception.Limit} bytes (send large documents without conversation memory)", false));
        }

        if (!conversation.Start && prepared.ExpectedVersion == 0)
        {
            throw new FunctionException(FunctionError.NotFound(ErrorCodes.ConversationNotFound,
                $"conversationId: '{conversationId}' is not a conversation of this caller (never started, expired, or another caller's); start one with \"newConversation\": true"));
        }

        return new ConversationTurnScope(store, prepared, conversationId);
    }

    /// <summary>22 base-62 characters (131 bits): unguessable, and within the ids ConversationKey accepts.</summary>
    private string NewId()
    {
        Span<char> id = stackalloc char[22];
        lock (random)
        {
            for (var i = 0; i < id.Length; i++)
            {
                id[i] = IdAlphabet[random.Next(IdAlphabet.Length)];
            }
        }

        return new string(id);
    }
}
