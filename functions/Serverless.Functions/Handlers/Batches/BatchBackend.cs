using Serverless.Batch.Pending;
using Serverless.Batch.Storage;

namespace Serverless.Functions.Handlers.Batches;

/// <summary>
/// What the batch route writes to and starts: the input store (its S3 client made on first use, when the region is
/// known to be needed) and prefix, the pending store, the starter; and for the status lookup, where results files
/// may be linked (null: no links) and what makes the links.
/// </summary>
internal sealed record BatchBackend(Lazy<IBatchObjectStore> Objects, S3Location InputPrefix, IPendingBatchStore Pending, IBatchExecutionStarter Starter)
{
    public IBatchObjectStore ObjectStore => Objects.Value;

    /// <summary>Where the route keeps a batch's files: <c>{InputPrefix}{batchId}/</c>.</summary>
    public S3Location FolderOf(string batchId) => InputPrefix.Append(batchId + "/");

    /// <summary>A deferred batch's receipt (its PrepareInput, caller included), written last when it is queued.</summary>
    public S3Location ReceiptOf(string batchId) => FolderOf(batchId).Append("deferred.json");

    public S3Location? ResultsPrefix { get; init; }

    public Lazy<IBatchResultsLinks>? Links { get; init; }
}
