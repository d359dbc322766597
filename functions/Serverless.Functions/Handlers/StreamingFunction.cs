using Serverless.Functions.Errors;
using Serverless.Functions.Http;
using Serverless.Functions.Streaming;

namespace Serverless.Functions.Handlers;

/// <summary>
/// The error boundary every streaming function shares: an error before the response started is an ordinary error
/// response with its status; after that (the status is already 200) it is an <c>error</c> event in the stream.
/// A client that went away gets nothing more.
/// </summary>
internal abstract class StreamingFunction : IStreamingHttpFunction
{
    public async ValueTask HandleAsync(HttpApiRequest request, IHttpResponseStream response, FunctionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        StreamEventWriter? events = null;
        try
        {
            events = StreamEventWriter.For(request);
            await ExecuteAsync(request, response, events, context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Nobody is listening any more.
        }
        catch (Exception exception)
        {
            await ReportAsync(ErrorMapper.ToError(exception), response, events, cancellationToken).ConfigureAwait(false);
        }
    }

    internal abstract ValueTask ExecuteAsync(HttpApiRequest request, IHttpResponseStream response, StreamEventWriter events,
        FunctionContext context, CancellationToken cancellationToken);

    private static async ValueTask ReportAsync(FunctionError error, IHttpResponseStream response, StreamEventWriter? events, CancellationToken cancellationToken)
    {
        try
        {
            if (!response.HasStarted)
            {
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["content-type"] = ContentTypes.Json };
                foreach (var (name, value) in ErrorBody.Headers(error))
                {
                    headers[name] = value;
                }

                await response.StartAsync(error.StatusCode, headers, cancellationToken).ConfigureAwait(false);
                await response.WriteAsync(ErrorBody.Json(error), cancellationToken).ConfigureAwait(false);
                await response.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (events is not null)
            {
                await events.WriteErrorAsync(error, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is gone; the error has nowhere to go.
        }
    }
}
