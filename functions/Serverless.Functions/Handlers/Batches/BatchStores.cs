using Amazon.Runtime;
using Serverless.Functions.Errors;

namespace Serverless.Functions.Handlers.Batches;

/// <summary>
/// An S3 or DynamoDB failure on the batch route is the store's, not the caller's: 503, try again. <c>outcome</c> tells
/// the caller what did not happen (accepting a batch: nothing was started).
/// </summary>
internal static class BatchStores
{
    public static async Task<T> CallAsync<T>(Func<Task<T>> call, string what, string outcome = "nothing was started")
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException)
        {
            throw new FunctionException(new FunctionError(503, ErrorCodes.BatchStoreUnavailable,
                $"Could not {what} (the store is unavailable); {outcome}.", true, TimeSpan.FromSeconds(1)));
        }
    }

    public static Task CallAsync(Func<Task> call, string what) => CallAsync(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    }, what);
}
