using Serverless.Batch.Pending;
using Serverless.Batch.Storage;

namespace Serverless.Functions.Handlers.Batches;

/// <summary>What the batch route writes to and starts: the input store and prefix, the pending store, the starter.</summary>
internal sealed record BatchBackend(IBatchObjectStore ObjectStore, S3Location InputPrefix, IPendingBatchStore Pending, IBatchExecutionStarter Starter);
