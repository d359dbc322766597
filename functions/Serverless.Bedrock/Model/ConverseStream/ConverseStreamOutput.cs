using System.Text.Json.Serialization;

namespace Serverless.Bedrock.Model;

/// <summary>
/// One event of a ConverseStream response. On the wire the event's kind is the <c>:event-type</c> header
/// and exactly one member below is set; an event type this client does not know leaves all members null
/// (forward compatible), with <see cref="EventType"/> still telling what arrived.
/// </summary>
public sealed class ConverseStreamOutput
{
    [JsonIgnore]
    public string EventType { get; set; } = "";

    public MessageStartEvent? MessageStart { get; set; }

    public ContentBlockStartEvent? ContentBlockStart { get; set; }

    public ContentBlockDeltaEvent? ContentBlockDelta { get; set; }

    public ContentBlockStopEvent? ContentBlockStop { get; set; }

    public MessageStopEvent? MessageStop { get; set; }

    public ConverseStreamMetadataEvent? Metadata { get; set; }
}
