using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Serverless.Quota.Storage.DynamoDb;

/// <summary>
/// The ledger's production store: one item per scope (partition key only), each <see cref="IQuotaStore"/> method
/// exactly ONE DynamoDB request (UpdateItem, PutItem or GetItem; two more, once per item, to move the request sum of an
/// item written by an earlier version and send the request again, <see cref="MoveLegacyRequestSumAsync"/>), retried only on throttling and transient failures
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
        return await _retry.RunAsync("replacement", key, async token =>
        {
            try
            {
                return await PutAsync(request, update.NewState, token).ConfigureAwait(false);
            }
            catch (ConditionalCheckFailedException e) when (LedgerItem.HasLegacyRequestSum(e.Item))
            {
                await MoveLegacyRequestSumAsync(key, e.Item, token).ConfigureAwait(false);
                try
                {
                    return await PutAsync(request, update.NewState, token).ConfigureAwait(false);
                }
                catch (ConditionalCheckFailedException again)
                {
                    return Refused(again);
                }
            }
            catch (ConditionalCheckFailedException e)
            {
                return Refused(e);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<UpdateOutcome> AdjustAsync(string key, AdjustUpdate update, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(update);
        // Always with the new item: the ledger's next rollover needs the version a settlement bumped.
        return await UpdateAsync("settlement", key, LedgerRequests.Adjust(_tableName, key, update, returnItem: true), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One conditional UpdateItem: applied (with the new item when asked for) or refused with the stored item. An item of
    /// the earlier layout fails every condition on the request sum's name: its sum is moved (a cold path, once per such
    /// item) and the request sent once more.
    /// </summary>
    private Task<UpdateOutcome> UpdateAsync(string operation, string key, UpdateItemRequest request, CancellationToken cancellationToken)
        => _retry.RunAsync(operation, key, async token =>
        {
            try
            {
                return await SendAsync(request, token).ConfigureAwait(false);
            }
            catch (ConditionalCheckFailedException e) when (LedgerItem.HasLegacyRequestSum(e.Item))
            {
                await MoveLegacyRequestSumAsync(key, e.Item, token).ConfigureAwait(false);
                try
                {
                    return await SendAsync(request, token).ConfigureAwait(false);
                }
                catch (ConditionalCheckFailedException again)
                {
                    return Refused(again);
                }
            }
            catch (ConditionalCheckFailedException e)
            {
                return Refused(e);
            }
        }, cancellationToken);

    private async Task<UpdateOutcome> SendAsync(UpdateItemRequest request, CancellationToken cancellationToken)
    {
        var response = await _client.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
        return new UpdateOutcome(true, LedgerItem.FromItem(response.Attributes, _tableName));
    }

    private async Task<UpdateOutcome> PutAsync(PutItemRequest request, LedgerState written, CancellationToken cancellationToken)
    {
        await _client.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
        // PutItem cannot return the new item, but it is exactly what was written.
        return new UpdateOutcome(true, written.Clone());
    }

    private UpdateOutcome Refused(ConditionalCheckFailedException failure) => new(false, LedgerItem.FromItem(failure.Item, _tableName));

    /// <summary>
    /// Adds an earlier layout's request sum (<c>ur</c>) onto the current name. Two requests for such an item, ever: this one
    /// and the caller's request sent again.
    /// </summary>
    private async Task MoveLegacyRequestSumAsync(string key, Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        try
        {
            await _client.UpdateItemAsync(LedgerRequests.MoveLegacyRequestSum(_tableName, key, LedgerItem.BucketOf(item, _tableName)), cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Another writer moved it meanwhile, or the item stands at another bucket now: the caller's request is sent
            // again either way, and if it fails on the old name once more, the next write moves it.
        }
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
