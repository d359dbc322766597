using Serverless.LocalBedrock.Generation;
using Serverless.LocalBedrock.Hosting;

namespace Serverless.LocalBedrock.Endpoints;

/// <summary>
/// What every generating operation does once the request is valid: faults, quota admission (reserve), the modelled
/// latency, the response (a JSON body or an event stream), and the quota settlement.
/// </summary>
internal static class InvocationFlow
{
    public const string EventStreamContentType = "application/vnd.amazon.eventstream";

    /// <param name="stream">Writes the events of a streaming operation; null for a plain JSON response.</param>
    /// <param name="body">Builds the JSON body of a non-streaming response (called after the latency wait).</param>
    public static async Task RunAsync(
        RuntimeCall call,
        InvocationRequest request,
        GenerationResult result,
        Func<EventStreamResponse, Task>? stream,
        Func<byte[]> body,
        Action<Microsoft.AspNetCore.Http.HttpResponse>? headers = null)
    {
        var (proceed, faults) = await call.ApplyFaultsAsync().ConfigureAwait(false);
        if (!proceed)
        {
            return;
        }

        var model = call.Model;
        var decision = call.Runtime.Quotas.TryAdmit(model.ModelId, model.Settings, result.InputTokens, request.MaxTokens);
        if (decision.Lease is not { } lease)
        {
            await call.ErrorAsync("ThrottlingException", decision.ThrottleMessage!).ConfigureAwait(false);
            return;
        }

        using (lease)
        {
            var response = call.Http.Response;
            response.Headers["x-amzn-RequestId"] = call.Http.TraceIdentifier;
            if (stream is null)
            {
                var scale = call.Runtime.Settings.TimeScale;
                var delay = LatencyModel.FirstToken(model.Settings, scale) + LatencyModel.Tokens(model.Settings, result.OutputTokens, scale);
                await LatencyModel.DelayAsync(delay, call.Runtime.Time, call.Aborted).ConfigureAwait(false);
                var bytes = body();
                response.StatusCode = 200;
                response.ContentType = "application/json";
                headers?.Invoke(response);
                response.ContentLength = bytes.Length;
                await response.Body.WriteAsync(bytes, call.Aborted).ConfigureAwait(false);
                lease.Settle(result.OutputTokens);
                call.Runtime.CountResponse(call.Operation, 200);
                return;
            }

            response.StatusCode = 200;
            response.ContentType = EventStreamContentType;
            headers?.Invoke(response);
            var writer = new EventStreamResponse(call, faults);
            try
            {
                await stream(writer).ConfigureAwait(false);
                await writer.CompleteAsync().ConfigureAwait(false);
            }
            finally
            {
                lease.Settle(writer.TokensSent);
                call.Runtime.CountResponse(call.Operation, 200);
            }
        }
    }
}
