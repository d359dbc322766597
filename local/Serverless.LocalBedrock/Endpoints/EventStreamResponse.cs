using Serverless.Bedrock.EventStreams;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Faults;
using Serverless.LocalBedrock.Hosting;
using Serverless.LocalBedrock.Quotas;

namespace Serverless.LocalBedrock.Endpoints;

/// <summary>
/// Writes an <c>application/vnd.amazon.eventstream</c> response frame by frame, flushing each one, paced by the
/// latency model (time to first token before the first frame, then each frame's output tokens at the model's rate)
/// and cut short when a stream-cut fault says so.
/// </summary>
internal sealed class EventStreamResponse
{
    private readonly RuntimeCall _call;
    private readonly FaultPlan _faults;
    private int _events;

    public EventStreamResponse(RuntimeCall call, FaultPlan faults)
    {
        _call = call;
        _faults = faults;
    }

    /// <summary>Output tokens already sent (what a cut-off stream is charged for).</summary>
    public int TokensSent { get; private set; }

    /// <summary>Milliseconds from request arrival to the first frame; -1 before it.</summary>
    public long FirstByteLatencyMs { get; private set; } = -1;

    /// <summary>False once the stream has ended early (a cut fault), after which nothing more is written.</summary>
    public bool Open { get; private set; } = true;

    public async Task<bool> WriteEventAsync(string eventType, byte[] payload, int outputTokens)
    {
        if (!Open)
        {
            return false;
        }

        var model = _call.Model.Settings;
        var scale = _call.Runtime.Settings.TimeScale;
        var delay = _events == 0 ? LatencyModel.FirstToken(model, scale) : TimeSpan.Zero;
        delay += LatencyModel.Tokens(model, outputTokens, scale);
        await LatencyModel.DelayAsync(delay, _call.Runtime.Time, _call.Aborted).ConfigureAwait(false);

        if (_faults.StreamCutAfterEvents is { } cutAfter && _events >= cutAfter)
        {
            await CutAsync().ConfigureAwait(false);
            return false;
        }

        await WriteFrameAsync(EventStreamEncoder.EncodeEvent(eventType, payload)).ConfigureAwait(false);
        _events++;
        TokensSent += outputTokens;
        return true;
    }

    /// <summary>Ends a stream the way a stream-cut fault asks when the events ran out before the cut point was passed.</summary>
    public async Task CompleteAsync()
    {
        if (Open && _faults.StreamCutAfterEvents is { } cutAfter && _events >= cutAfter)
        {
            await CutAsync().ConfigureAwait(false);
        }

        if (Open && _events == 0)
        {
            await _call.Http.Response.StartAsync(_call.Aborted).ConfigureAwait(false);
        }

        Open = false;
    }

    private async Task CutAsync()
    {
        Open = false;
        switch (_faults.StreamCutKind)
        {
            case StreamCutKinds.Abort:
                await _call.Http.Response.Body.FlushAsync(_call.Aborted).ConfigureAwait(false);
                _call.Http.Abort();
                break;
            case StreamCutKinds.Throttling:
                await WriteFrameAsync(EventStreamEncoder.EncodeException("throttlingException", MessagePayload(QuotaLedger.TooManyRequests, null))).ConfigureAwait(false);
                break;
            default:
                await WriteFrameAsync(EventStreamEncoder.EncodeException("modelStreamErrorException", MessagePayload(RuntimeErrors.MessageOf("ModelStreamErrorException"), 500))).ConfigureAwait(false);
                break;
        }
    }

    private static byte[] MessagePayload(string message, int? originalStatusCode) => Formats.FormatJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("message", message);
        if (originalStatusCode is { } status)
        {
            writer.WriteNumber("originalStatusCode", status);
            writer.WriteString("originalMessage", "The model stopped responding.");
        }

        writer.WriteEndObject();
    });

    private async Task WriteFrameAsync(byte[] frame)
    {
        var response = _call.Http.Response;
        if (FirstByteLatencyMs < 0)
        {
            FirstByteLatencyMs = _call.ElapsedMs;
        }

        await response.Body.WriteAsync(frame, _call.Aborted).ConfigureAwait(false);
        await response.Body.FlushAsync(_call.Aborted).ConfigureAwait(false);
    }
}
