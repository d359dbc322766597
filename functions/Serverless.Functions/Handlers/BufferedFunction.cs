using Serverless.Functions.Errors;
using Serverless.Functions.Http;

namespace Serverless.Functions.Handlers;

/// <summary>The error boundary every buffered function shares: whatever escapes becomes the one error shape.</summary>
internal abstract class BufferedFunction : IHttpFunction
{
    public async ValueTask<HttpApiResponse> HandleAsync(HttpApiRequest request, FunctionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return await ExecuteAsync(request, context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ErrorBody.Response(Cancelled);
        }
        catch (Exception exception)
        {
            return ErrorBody.Response(ErrorMapper.ToError(exception));
        }
    }

    /// <summary>The host cancelled the invocation (client gone, or the deadline is near); any hold was settled on the way out.</summary>
    internal static FunctionError Cancelled { get; } = new(504, ErrorCodes.RequestCancelled, "The invocation was cancelled before it completed (deadline or client disconnect).", true);

    protected abstract ValueTask<HttpApiResponse> ExecuteAsync(HttpApiRequest request, FunctionContext context, CancellationToken cancellationToken);
}
