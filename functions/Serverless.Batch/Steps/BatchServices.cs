using Serverless.Batch.Jobs;
using Serverless.Batch.Pending;
using Serverless.Batch.Results;
using Serverless.Batch.Storage;
using Serverless.Bedrock;
using Serverless.Quota;

namespace Serverless.Batch.Steps;

/// <summary>What the steps are built from; the host (Lambda executable, local host, tests) chooses the implementations.</summary>
public sealed class BatchServices
{
    public required BatchSettings Settings { get; init; }

    public required IBatchObjectStore ObjectStore { get; init; }

    public required IResultsStore Results { get; init; }

    public required IPendingBatchStore Pending { get; init; }

    /// <summary>Job slots per model (the ledger's concurrency over the quota table).</summary>
    public required JobSlotLedger JobSlots { get; init; }

    /// <summary>The models' on-demand quotas, for the retry step.</summary>
    public required IQuotaLedger OnDemandLedger { get; init; }

    /// <summary>Created on first use by the retry step only.</summary>
    public required Func<BedrockRuntimeClient> Runtime { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public Random Random { get; init; } = Random.Shared;
}
