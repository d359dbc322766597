using System.Text.Json;
using Serverless.Bedrock.Json;
using Serverless.Bedrock.Model;
using Serverless.Functions.Gating;
using Serverless.Functions.Http;
using Serverless.Functions.Memory;
using Serverless.Functions.Streaming;
using Serverless.Quota;

namespace Serverless.Functions.Handlers.Converse;

/// <summary>Writes each event as it arrives, rebuilding the reply for memory and settling with the final usage.</summary>
internal sealed class ConverseStreamRelay(IHttpResponseStream response, StreamEventWriter events, ConversationTurnScope turn)
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
                if (turn.ConversationId is { } id)
                {
                    await events.WriteEventAsync("conversation", ConversationEvent.Json(id, turn.TurnsDropped, turn.Summarized), cancellationToken).ConfigureAwait(false);
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
                admission.Complete(usage);
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
