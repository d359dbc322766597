using System.Runtime.CompilerServices;
using Serverless.Bedrock.EventStreams;
using Serverless.Bedrock.Http;

namespace Serverless.Bedrock.Streaming;

/// <summary>
/// Runs a streaming operation: the request is retried like any other until a successful response starts, then
/// events are yielded one by one as their frames arrive. Once the response has started nothing is retried, so an
/// event is never delivered twice; an exception frame ends the enumeration with its typed exception.
/// </summary>
internal static class EventStreamCall
{
    public static async IAsyncEnumerable<TEvent> ReadAsync<TEvent>(BedrockHttpPipeline pipeline, OperationDescriptor operation,
        IHttpBoundRequest request, byte[] body, Func<EventStreamMessage, TEvent?> map,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TEvent : class
    {
        using var response = await pipeline.SendForStreamAsync(operation, request, body, cancellationToken).ConfigureAwait(false);
        var requestId = BedrockHttpPipeline.RequestId(response);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var message in EventStreamReader.ReadMessagesAsync(stream, cancellationToken).ConfigureAwait(false))
            {
                if (StreamErrorMapper.ToException(message, requestId) is { } error)
                {
                    throw error;
                }

                if (map(message) is { } item)
                {
                    yield return item;
                }
            }
        }
    }
}
