using System.Text.Json;
using Serverless.Bedrock;
using Serverless.Bedrock.Json;
using Serverless.Bedrock.Model;
using Serverless.Functions.Memory;
using Serverless.Functions.Http;
using Serverless.Functions.Gating;
using Serverless.Functions.Requests;
using Serverless.Functions.Streaming;
using Serverless.Quota;
using Serverless.Quota.Tokens;

namespace Serverless.Functions.Handlers.Converse;

/// <summary>
/// POST /v1/converse-stream: ConverseStream relayed event by event (messageStart, contentBlockDelta, ..., metadata),
/// each event's Bedrock payload as the event data. With conversation memory a first <c>conversation</c> event names
/// the conversation, the reply is assembled from the deltas, and the turn is stored only once the stream completed.
/// </summary>
internal sealed class ConverseStreamFunction(FunctionServices services, int routeLimit) : StreamingFunction
{
    internal override async ValueTask ExecuteAsync(HttpApiRequest request, IHttpResponseStream response, StreamEventWriter events,
        FunctionContext context, CancellationToken cancellationToken)
    {
        var (converse, conversation) = ConverseInput.ReadStreaming(request, routeLimit, services.Configuration, services.Gate);
        var caller = CallerIdentity.Resolve(request);
        var turn = await services.Memory.BeginAsync(caller, conversation, converse.ModelId, converse.Messages!, context, cancellationToken).ConfigureAwait(false);
        converse.Messages = turn.Messages;

        var estimate = ConverseEstimate.Body(converse.Messages, converse.System, converse.ToolConfig);
        var maxTokens = converse.InferenceConfig!.MaxTokens!.Value;
        var relay = new ConverseStreamRelay(response, events, turn);
        await using (var admission = await services.Gate.AdmitAsync(
            new GateRequest(converse.ModelId, caller, maxTokens, estimate, CountTokensInputKind.Converse), context, cancellationToken).ConfigureAwait(false))
        {
            // The response starts with the first event, so an error Bedrock answers before any event keeps its own status.
            try
            {
                await relay.RunAsync(services.Bedrock.ConverseStreamAsync(converse, cancellationToken), admission, cancellationToken).ConfigureAwait(false);
            }
            catch (BedrockException) when (!response.HasStarted)
            {
                admission.RefusedByBedrock();
                throw;
            }
        }

        if (!response.HasStarted)
        {
            await events.StartAsync(response, cancellationToken).ConfigureAwait(false);
        }

        if (relay.Reply.Completed)
        {
            await turn.CompleteAsync(relay.Reply.ToMessage(), relay.Usage, cancellationToken).ConfigureAwait(false);
        }
    }
}
