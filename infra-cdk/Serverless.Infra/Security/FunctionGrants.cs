using Amazon.CDK.AWS.IAM;
using Serverless.Infra.Configuration;
using Serverless.Infra.Contracts;
using Serverless.Infra.Resources;

namespace Serverless.Infra.Security;

/// <summary>
/// What each function's own role may do, derived from what its handler calls (docs/deploy.md, Permissions, has the
/// table). Bedrock actions name the configured models only, DynamoDB actions the one table a store uses, S3 actions
/// the handler's prefixes. A function the catalog does not know gets nothing beyond its logs.
/// </summary>
public sealed class FunctionGrants(InfraSettings settings, DataStores stores, BedrockArns bedrock)
{
    public IEnumerable<PolicyStatement> For(HandlerSpec handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return handler.Name switch
        {
            HandlerNames.Invoke or HandlerNames.Structured => ModelCalls(BedrockActions.InvokeModel),
            HandlerNames.InvokeStream => ModelCalls(BedrockActions.InvokeModelWithResponseStream),
            HandlerNames.Converse => [.. ModelCalls(BedrockActions.InvokeModel), Conversations()],
            HandlerNames.ConverseStream => [.. ModelCalls(BedrockActions.InvokeModelWithResponseStream), Conversations()],
            HandlerNames.AsyncStart => AsyncStart(),
            HandlerNames.AsyncStatus => [Statements.Allow([BedrockActions.GetAsyncInvoke], bedrock.AsyncInvokes)],
            HandlerNames.Tokens => bedrock.Invoke(BedrockActions.CountTokens),
            HandlerNames.Quota => [Statements.Table(stores.QuotaTable, DynamoDbActions.GetItem)],
            HandlerNames.BatchPrepare => BatchPrepare(),
            HandlerNames.BatchAdmit or HandlerNames.BatchRelease => [Ledger()],
            HandlerNames.BatchFanOut => BatchFanOut(),
            HandlerNames.BatchRetry => BatchRetry(),
            HandlerNames.BatchSummarize => BatchSummarize(),
            var name when name == settings.BatchFunction => BatchStart(),
            _ => [],
        };
    }

    private PolicyStatement Ledger() => Statements.Table(stores.QuotaTable, DynamoDbActions.QuotaLedger);

    private PolicyStatement Conversations() => Statements.Table(stores.ConversationTable, DynamoDbActions.Conversations);

    /// <summary>A ledger-gated model call: the model action, the ledger, CountTokens where configured, the guardrails callers may name.</summary>
    private IEnumerable<PolicyStatement> ModelCalls(string action)
    {
        foreach (var statement in bedrock.Invoke(action))
        {
            yield return statement;
        }

        yield return Ledger();
        foreach (var statement in bedrock.Invoke(settings.Models.Where(m => m.CountsTokens), BedrockActions.CountTokens))
        {
            yield return statement;
        }

        if (settings.Guardrails.Count > 0)
        {
            yield return Statements.Allow([BedrockActions.ApplyGuardrail], [.. settings.Guardrails]);
        }
    }

    private IEnumerable<PolicyStatement> AsyncStart()
    {
        foreach (var statement in ModelCalls(BedrockActions.InvokeModel))
        {
            yield return statement;
        }

        // Bedrock writes an asynchronous invocation's output with the caller's permissions: only under async/.
        yield return Statements.Objects(stores.Bucket, [S3Actions.PutObject], BucketLayout.AsyncOutput);
    }

    // Writes inline records and the deferred receipt under batch/incoming/{batchId}/, reads the receipt back when a
    // request is resent or looked up, queues deferred batches in the results table, and signs links to results files
    // under batch/runs/ (a presigned GET works only if the signer may GET). State machine start and describe: added by
    // the stack.
    private IEnumerable<PolicyStatement> BatchStart() =>
    [
        Statements.Objects(stores.Bucket, [S3Actions.GetObject, S3Actions.PutObject], BucketLayout.BatchIncoming),
        Statements.Objects(stores.Bucket, [S3Actions.GetObject], BucketLayout.BatchRuns),
        Statements.Table(stores.ResultsTable, DynamoDbActions.PutItem),
    ];

    private IEnumerable<PolicyStatement> BatchPrepare() =>
    [
        Statements.Objects(stores.Bucket, [S3Actions.GetObject], BucketLayout.BatchIncoming, BucketLayout.BatchRuns),
        Statements.Objects(stores.Bucket, [S3Actions.PutObject], BucketLayout.BatchRuns),
        // Claims deferred batches: query the pending partition, delete each claimed item, put it back on failure.
        Statements.Table(stores.ResultsTable, DynamoDbActions.Query, DynamoDbActions.DeleteItem, DynamoDbActions.PutItem),
    ];

    private IEnumerable<PolicyStatement> BatchFanOut() =>
    [
        Statements.Objects(stores.Bucket, [S3Actions.GetObject, S3Actions.PutObject], BucketLayout.BatchRuns),
        Statements.List(stores.Bucket, BucketLayout.BatchRuns),
        Statements.Table(stores.ResultsTable, DynamoDbActions.PutItem, DynamoDbActions.BatchWriteItem),
    ];

    private IEnumerable<PolicyStatement> BatchRetry()
    {
        // Failed records go through InvokeModel or Converse (both the InvokeModel action) within the ledger.
        foreach (var statement in bedrock.Invoke(BedrockActions.InvokeModel))
        {
            yield return statement;
        }

        yield return Ledger();
        yield return Statements.Objects(stores.Bucket, [S3Actions.GetObject], BucketLayout.BatchRuns);
        yield return Statements.List(stores.Bucket, BucketLayout.BatchRuns);
        yield return Statements.Table(stores.ResultsTable, DynamoDbActions.GetItem, DynamoDbActions.PutItem);
    }

    private IEnumerable<PolicyStatement> BatchSummarize() =>
    [
        Statements.Objects(stores.Bucket, [S3Actions.GetObject, S3Actions.PutObject], BucketLayout.BatchRuns),
        Statements.Table(stores.ResultsTable, DynamoDbActions.Query),
    ];
}
