using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Serverless.Quota.Storage.DynamoDb;

/// <summary>
/// The ledger's production store: one item per scope (partition key only), each <see cref="IQuotaStore"/> method
/// exactly ONE DynamoDB request (UpdateItem, PutItem or GetItem; one more, once per item, to move the request sum of an
/// item written by an earlier version, <see cref="MoveLegacyRequestSumAsync"/>), retried only on throttling and transient failures
/// within <see cref="DynamoDbQuotaStoreOptions.Deadline"/>. A failed condition is an answer, not an error: DynamoDB
/// returns the stored item with it (ReturnValuesOnConditionCheckFailure = ALL_OLD) and the ledger decides from that.
/// Configure the client with <c>MaxErrorRetry = 0</c> so this store's deadline, not the SDK's own retries, bounds a call.
/// </summary>
public sealed class DynamoDbQuotaStore : IQuotaStore
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _tableName;
    private readonly BoundedRetry _retry;
    private readonly bool _returnItem;

    public DynamoDbQuotaStore(IAmazonDynamoDB client, DynamoDbQuotaStoreOptions options, TimeProvider timeProvider, Random random)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(random);
        options.Validate();
        _client = client;
        _tableName = options.TableName;
        _retry = new BoundedRetry(options, timeProvider, random);
        _returnItem = options.ReturnItemOnSuccess;
    }

    public async ValueTask<UpdateOutcome> AdmitAsync(string key, AdmitUpdate update, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(update);
        return await UpdateAsync("admission", key, LedgerRequests.Admit(_tableName, key, update, _returnItem), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<UpdateOutcome> RollAsync(string key, RollUpdate update, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(update.NewState, nameof(update) + "." + nameof(update.NewState));
        return await UpdateAsync("rollover", key, LedgerRequests.Roll(_tableName, key, update), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<UpdateOutcome> ReplaceAsync(string key, ReplaceUpdate update, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(update.NewState, nameof(update) + "." + nameof(update.NewState));
        var request = LedgerRequests.Replace(_tableName, key, update);
        return await _retry.RunAsync("replacement", key, token => ConditionalAsync(key, async attemptToken =>
        {
            await _client.PutItemAsync(request, attemptToken).ConfigureAwait(false);
            // PutItem cannot return the new item, but it is exactly what was written.
            return new UpdateOutcome(true, update.NewState.Clone());
        }, token), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<UpdateOutcome> AdjustAsync(string key, AdjustUpdate update, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(update);
        // Always with the new item: the ledger's next rollover needs the version a settlement bumped.
        return await UpdateAsync("settlement", key, LedgerRequests.Adjust(_tableName, key, update, returnItem: true), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One conditional UpdateItem: applied (with the new item when asked for) or refused with the stored item.</summary>
    private Task<UpdateOutcome> UpdateAsync(string operation, string key, UpdateItemRequest request, CancellationToken cancellationToken)
        => _retry.RunAsync(operation, key, token => ConditionalAsync(key, async attemptToken =>
        {
            var response = await _client.UpdateItemAsync(request, attemptToken).ConfigureAwait(false);
            return new UpdateOutcome(true, LedgerItem.FromItem(response.Attributes, _tableName));
        }, token), cancellationToken);

    /// <summary>
    /// One conditional write. A failed condition is an answer, the stored item; on an item of an earlier layout the
    /// write is sent once more after moving the item's request sum.
    /// </summary>
    private async Task<UpdateOutcome> ConditionalAsync(string key, Func<CancellationToken, Task<UpdateOutcome>> write, CancellationToken cancellationToken)
    {
        for (var legacyMoved = false; ; legacyMoved = true)
        {
            try
            {
                return await write(cancellationToken).ConfigureAwait(false);
            }
            catch (ConditionalCheckFailedException e)
            {
                if (!legacyMoved && await MoveLegacyRequestSumAsync(key, e.Item, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                return new UpdateOutcome(false, LedgerItem.FromItem(e.Item, _tableName));
            }
        }
    }

    /// <summary>
    /// An item written before the request sum was named after its bucket fails every condition on that name: move the
    /// sum once (one extra request per such item, ever), then the caller's request is sent again. False when the item
    /// is not such an item.
    /// </summary>
    private async Task<bool> MoveLegacyRequestSumAsync(string key, Dictionary<string, AttributeValue>? item, CancellationToken cancellationToken)
    {
        if (!LedgerItem.HasLegacyRequestSum(item))
        {
            return false;
        }

        var bucket = LedgerItem.FromItem(item, _tableName)!.Bucket;
        try
        {
            await _client.UpdateItemAsync(LedgerRequests.MoveLegacyRequestSum(_tableName, key, bucket), cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Another writer moved it meanwhile, or the item stands at another bucket now: the caller's write is sent
            // again either way, and if it fails on the old name once more, the next write moves it.
        }

        return true;
    }

    public async ValueTask<LedgerState?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var request = LedgerRequests.Read(_tableName, key);
        return await _retry.RunAsync("status read", key, async token =>
        {
            var response = await _client.GetItemAsync(request, token).ConfigureAwait(false);
            return LedgerItem.FromItem(response.Item, _tableName);
        }, cancellationToken).ConfigureAwait(false);
    }
}
