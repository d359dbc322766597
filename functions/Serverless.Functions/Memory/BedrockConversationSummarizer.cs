using Serverless.Bedrock;
using Serverless.Bedrock.Model;
using Serverless.Conversations.Memory;
using Serverless.Functions.Configuration;
using Serverless.Functions.Errors;
using Serverless.Functions.Gating;
using Serverless.Functions.Handlers.Converse;
using Serverless.Quota;
using Serverless.Quota.Tokens;

namespace Serverless.Functions.Memory;

/// <summary>
/// Summarises the turns a conversation drops for its token budget with one Converse call, made like every other model
/// call: under the caller's quota (reserve, call, settle). A summary is an improvement, not part of the answer, so
/// when the quota has no room, the store is down or Bedrock fails, the turn goes on without it (the history is then
/// trimmed as without a summarizer) instead of failing the caller's request.
/// </summary>
internal sealed class BedrockConversationSummarizer(Lazy<BedrockRuntimeClient> bedrock, Lazy<QuotaGate> gate, FunctionsConfiguration configuration)
{
    /// <summary>About 25,000 tokens of transcript at most: a summary of more would cost more than the turns it saves.</summary>
    internal const int MaxTranscriptCharacters = 100_000;

    /// <summary>The summarizer for one request: its caller's quota, its deadline.</summary>
    public ConversationSummarizer For(string caller, FunctionContext context)
        => (request, cancellationToken) => SummarizeAsync(request, caller, context, cancellationToken);

    private async ValueTask<string?> SummarizeAsync(SummaryRequest request, string caller, FunctionContext context, CancellationToken cancellationToken)
    {
        var modelId = configuration.ConversationSummaryModel == FunctionsConfiguration.SummarizeWithSameModel
            ? request.ModelId
            : configuration.ConversationSummaryModel!;
        var transcript = ConversationTranscript.Render(request.DroppedTurns, MaxTranscriptCharacters);
        var converse = new ConverseRequest
        {
            ModelId = modelId,
            System = [new SystemContentBlock { Text = Instructions(request.MaxTokens) }],
            Messages = [new Message { Role = ConversationRole.User, Content = [ContentBlock.FromText(transcript)] }],
            InferenceConfig = new InferenceConfiguration { MaxTokens = request.MaxTokens, Temperature = 0 },
        };

        Admission admission;
        try
        {
            admission = await gate.Value.AdmitAsync(
                new GateRequest(modelId, caller, request.MaxTokens, ConverseEstimate.Body(converse.Messages, converse.System, null), CountTokensInputKind.Converse), context, cancellationToken).ConfigureAwait(false);
        }
        catch (FunctionException)
        {
            return null;
        }

        await using (admission)
        {
            ConverseResponse response;
            try
            {
                response = await bedrock.Value.ConverseAsync(converse, cancellationToken).ConfigureAwait(false);
            }
            catch (BedrockException)
            {
                admission.RefusedByBedrock();
                return null;
            }

            admission.Complete(response.Usage);
            return string.Concat(response.Output.Message?.Content.Select(c => c.Text) ?? []);
        }
    }

    private static string Instructions(int maxTokens) =>
        "You condense the earlier part of a conversation between a user and an assistant so that the assistant can "
        + "continue it without the original messages. Keep the facts, names, numbers, decisions, the user's goals and "
        + "preferences, and any open questions or commitments; drop pleasantries and repetition. Write in the third "
        + $"person, in under {Math.Max(16, maxTokens * 3 / 4)} words, and answer with the summary only.";
}
