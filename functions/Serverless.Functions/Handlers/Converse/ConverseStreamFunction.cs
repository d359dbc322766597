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
        var turn = await services.Memory.BeginAsync(caller, conversation, converse.ModelId, converse.Messages!, cancellationToken).ConfigureAwait(false);
        converse.Messages = turn.Messages;

        var estimate = ConverseEstimate.Body(converse.Messages, converse.System, converse.ToolConfig);
        var maxTokens = converse.InferenceConfig!.MaxTokens!.Value;
        var relay = new Relay(response, events, turn.ConversationId);
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

    /// <summary>Writes each event as it arrives, rebuilding the reply for memory and settling with the final usage.</summary>
    private sealed class Relay(IHttpResponseStream response, StreamEventWriter events, string? conversationId)
    {
        public StreamedReply Reply { get; } = new();

        public TokenUsage? Usage { get; private set; }

        public async Task RunAsync(IAsyncEnumerable<ConverseStreamOutput> stream, Admission admission, CancellationToken cancellationToken)
        {
            await foreach (var item in stream.ConfigureAwait(false))
            {
                if (!response.HasStarted)
                {
                    await events.StartAsync(response, cancellationToken).ConfigureAwait(false);
                    if (conversationId is { } id)
                    {
                        await events.WriteEventAsync("conversation", ConversationEvent.Json(id), cancellationToken).ConfigureAwait(false);
                    }
                }

                Reply.Add(item);
                if (Payload(item) is { } payload)
                {
                    await events.WriteEventAsync(item.EventType, payload, cancellationToken).ConfigureAwait(false);
                }

                if (item.Metadata?.Usage is { } usage)
                {
                    Usage = usage;
                    admission.Complete(new ActualUsage(usage.InputTokens, usage.OutputTokens, usage.CacheWriteInputTokens ?? 0));
                }
            }
        }
    }

    /// <summary>The event's own member, serialized as Bedrock sent it; null for an event type this client does not know.</summary>
    private static byte[]? Payload(ConverseStreamOutput item)
    {
        var json = BedrockJsonContext.Default;
        return item switch
        {
            { MessageStart: { } e } => JsonSerializer.SerializeToUtf8Bytes(e, json.MessageStartEvent),
            { ContentBlockStart: { } e } => JsonSerializer.SerializeToUtf8Bytes(e, json.ContentBlockStartEvent),
            { ContentBlockDelta: { } e } => JsonSerializer.SerializeToUtf8Bytes(e, json.ContentBlockDeltaEvent),
            { ContentBlockStop: { } e } => JsonSerializer.SerializeToUtf8Bytes(e, json.ContentBlockStopEvent),
            { MessageStop: { } e } => JsonSerializer.SerializeToUtf8Bytes(e, json.MessageStopEvent),
            { Metadata: { } e } => JsonSerializer.SerializeToUtf8Bytes(e, json.ConverseStreamMetadataEvent),
            _ => null,
        };
    }
}
