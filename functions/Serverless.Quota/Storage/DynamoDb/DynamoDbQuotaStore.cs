using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Serverless.Quota.Storage.DynamoDb;

/// <summary>
/// The ledger's production store: one item per scope (partition key only), each <see cref="IQuotaStore"/> method
/// exactly ONE DynamoDB request (UpdateItem, PutItem or GetItem), retried only on throttling and transient failures
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
                await _client.PutItemAsync(request, token).ConfigureAwait(false);
                // PutItem cannot return the new item, but it is exactly what was written.
                return new UpdateOutcome(true, update.NewState.Clone());
            }
            catch (ConditionalCheckFailedException e)
            {
                return new UpdateOutcome(false, LedgerItem.FromItem(e.Item, _tableName));
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

    /// <summary>One conditional UpdateItem: applied (with the new item when asked for) or refused with the stored item.</summary>
    private Task<UpdateOutcome> UpdateAsync(string operation, string key, UpdateItemRequest request, CancellationToken cancellationToken)
        => _retry.RunAsync(operation, key, async token =>
        {
            try
            {
                var response = await _client.UpdateItemAsync(request, token).ConfigureAwait(false);
                return new UpdateOutcome(true, LedgerItem.FromItem(response.Attributes, _tableName));
            }
            catch (ConditionalCheckFailedException e)
            {
                return new UpdateOutcome(false, LedgerItem.FromItem(e.Item, _tableName));
            }
        }, cancellationToken);

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
