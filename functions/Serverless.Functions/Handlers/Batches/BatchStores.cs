using Amazon.Runtime;
using Serverless.Functions.Errors;

namespace Serverless.Functions.Handlers.Batches;

/// <summary>An S3 or DynamoDB failure while accepting a batch is the store's, not the caller's: 503, try again.</summary>
internal static class BatchStores
{
    public static async Task<T> CallAsync<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException)
        {
            throw new FunctionException(new FunctionError(503, ErrorCodes.BatchStoreUnavailable,
                $"Could not {what} (the store is unavailable); nothing was started.", true, TimeSpan.FromSeconds(1)));
        }
    }

    public static Task CallAsync(Func<Task> call, string what) => CallAsync(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    }, what);
}
