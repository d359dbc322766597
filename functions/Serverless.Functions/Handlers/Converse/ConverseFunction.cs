using System.Globalization;
using System.Text.Json;
using Serverless.Bedrock;
using Serverless.Bedrock.Json;
using Serverless.Bedrock.Model;
using Serverless.Functions.Http;
using Serverless.Functions.Json;
using Serverless.Functions.Gating;
using Serverless.Functions.Requests;
using Serverless.Quota;
using Serverless.Quota.Tokens;

namespace Serverless.Functions.Handlers.Converse;

/// <summary>
/// POST /v1/converse: Converse, answered with Bedrock's Converse response. With conversation memory the caller's stored
/// history is sent before the new messages, and the turn is stored only after Bedrock answered; the response then
/// starts with <c>conversationId</c>, and headers say how many stored turns were left out for the budget and whether a
/// summary of them was sent.
/// </summary>
internal sealed class ConverseFunction(FunctionServices services, int routeLimit) : BufferedFunction
{
    protected override async ValueTask<HttpApiResponse> ExecuteAsync(HttpApiRequest request, FunctionContext context, CancellationToken cancellationToken)
    {
        var (converse, conversation) = ConverseInput.ReadBuffered(request, routeLimit, services.Configuration, services.Gate);
        var caller = CallerIdentity.Resolve(request);
        var turn = await services.Memory.BeginAsync(caller, conversation, converse.ModelId, converse.Messages!, context, cancellationToken).ConfigureAwait(false);
        converse.Messages = turn.Messages;

        var estimate = ConverseEstimate.Body(converse.Messages, converse.System, converse.ToolConfig);
        var maxTokens = converse.InferenceConfig!.MaxTokens!.Value;
        ConverseResponse response;
        await using (var admission = await services.Gate.AdmitAsync(
            new GateRequest(converse.ModelId, caller, maxTokens, estimate, CountTokensInputKind.Converse), context, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                response = await services.Bedrock.ConverseAsync(converse, cancellationToken).ConfigureAwait(false);
            }
            catch (BedrockException)
            {
                admission.RefusedByBedrock();
                throw;
            }

            admission.Complete(response.Usage);
        }

        if (response.Output.Message is { } reply)
        {
            await turn.CompleteAsync(reply, response.Usage, cancellationToken).ConfigureAwait(false);
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(response, BedrockJsonContext.Default.ConverseResponse);
        if (turn.ConversationId is not { } id)
        {
            return HttpApiResponse.Json(200, json);
        }

        // How much history the model saw: the body stays Bedrock's response (plus the id), the rest goes in headers.
        return HttpApiResponse.Json(200, JsonSplice.PrependString(json, "conversationId", id))
            .WithHeader("x-conversation-turns-dropped", turn.TurnsDropped.ToString(CultureInfo.InvariantCulture))
            .WithHeader("x-conversation-summarized", turn.Summarized ? "true" : "false");
    }
}
