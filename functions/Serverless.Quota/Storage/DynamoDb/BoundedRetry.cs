using System.Net.Sockets;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Serverless.Quota.Storage.DynamoDb;

/// <summary>
/// Runs one DynamoDB request under the store's time budget: a timeout per attempt, retries of throttling and transient
/// failures with full-jitter exponential backoff, and an overall deadline after which the call fails with
/// <see cref="QuotaStoreUnavailableException"/>. Errors a retry cannot fix (missing table, access denied, bad request)
/// fail at once. The caller's cancellation always wins and surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class BoundedRetry(DynamoDbQuotaStoreOptions options, TimeProvider timeProvider, Random random)
{
    private readonly Lock _randomGate = new();

    public async Task<T> RunAsync<T>(string operation, string key, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            var remaining = options.Deadline - timeProvider.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw DeadlinePassed(operation, key, attempt, lastError: null);
            }

            Exception failure;
            using (var attemptTimeout = new CancellationTokenSource(Min(options.AttemptTimeout, remaining), timeProvider))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimeout.Token))
            {
                try
                {
                    return await call(linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (OperationCanceledException e) when (attemptTimeout.IsCancellationRequested)
                {
                    failure = new TimeoutException($"the attempt took longer than {Min(options.AttemptTimeout, remaining).TotalMilliseconds:0} ms", e);
                }
                catch (Exception e) when (IsTransient(e))
                {
                    failure = e;
                }
                catch (ResourceNotFoundException e)
                {
                    throw new QuotaStoreUnavailableException(
                        $"The quota ledger's DynamoDB table '{options.TableName}' was not found ({e.Message}). Create it (the CDK app does; tests use QuotaTableDefinition) or fix DynamoDbQuotaStoreOptions.TableName.",
                        e);
                }
                catch (AmazonServiceException e)
                {
                    throw new QuotaStoreUnavailableException(
                        $"DynamoDB table '{options.TableName}' rejected the quota ledger's {operation} of '{key}': {e.ErrorCode ?? e.GetType().Name}: {e.Message}",
                        e);
                }
                catch (AmazonClientException e)
                {
                    // Client-side failures a retry cannot fix, e.g. no credentials or an invalid endpoint.
                    throw new QuotaStoreUnavailableException(
                        $"The quota ledger could not call DynamoDB table '{options.TableName}' for the {operation} of '{key}': {e.Message}",
                        e);
                }
            }

            var delay = NextDelay(attempt);
            if (timeProvider.GetElapsedTime(started) + delay >= options.Deadline)
            {
                throw DeadlinePassed(operation, key, attempt + 1, failure);
            }

            await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Throttling (on-demand tables throttle too, per partition), 5xx, and network failures and timeouts.</summary>
    internal static bool IsTransient(Exception e) => e switch
    {
        ProvisionedThroughputExceededException or RequestLimitExceededException or ThrottlingException => true,
        InternalServerErrorException or TransactionConflictException => true,
        AmazonServiceException { StatusCode: >= System.Net.HttpStatusCode.InternalServerError } => true,
        AmazonServiceException { ErrorCode: "ThrottlingException" or "Throttling" or "TooManyRequestsException" } => true,
        HttpRequestException or IOException or SocketException or TimeoutException => true,
        AmazonClientException { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };

    private TimeSpan NextDelay(int attempt)
    {
        var cap = options.BaseRetryDelay * Math.Pow(2, Math.Min(attempt, 30));
        if (cap > options.MaxRetryDelay)
        {
            cap = options.MaxRetryDelay;
        }

        double fraction;
        lock (_randomGate)
        {
            fraction = random.NextDouble();
        }

        return cap * fraction;
    }

    private QuotaStoreUnavailableException DeadlinePassed(string operation, string key, int attempts, Exception? lastError)
    {
        var message = $"DynamoDB table '{options.TableName}' did not complete the quota ledger's {operation} of '{key}' within its deadline of "
            + $"{options.Deadline.TotalMilliseconds:0} ms ({attempts} attempt(s)"
            + (lastError is null ? ")." : $"; last error: {Describe(lastError)}).");
        return lastError is null ? new QuotaStoreUnavailableException(message) : new QuotaStoreUnavailableException(message, lastError);
    }

    private static string Describe(Exception e) => e is AmazonServiceException { ErrorCode: { } code } ? $"{code}: {e.Message}" : $"{e.GetType().Name}: {e.Message}";

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
