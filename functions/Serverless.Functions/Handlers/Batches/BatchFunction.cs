using System.Text.Json;
using Serverless.Batch.Contracts;
using Serverless.Batch.Json;
using Serverless.Batch.Pending;
using Serverless.Batch.Storage;
using Serverless.Functions.Errors;
using Serverless.Functions.Gating;
using Serverless.Functions.Http;
using Serverless.Functions.Json;
using Serverless.Functions.Requests;
using Serverless.Functions.Routing;

namespace Serverless.Functions.Handlers.Batches;

/// <summary>
/// POST /v1/batch: hands a batch to the batch workflow (docs/batch-workflow.md). Body: <c>modelId</c>, <c>records</c>
/// (inline <c>{"recordId"?, "modelInput"}</c> objects) or <c>inputS3Uri</c> (a JSONL file), optional <c>deferred</c>,
/// <c>clientToken</c>, and the run's <c>modelInvocationType</c>, <c>timeoutHours</c>, <c>deadline</c>,
/// <c>maxOnDemandAttempts</c>. Inline records are written to S3 first, so the execution input stays a few hundred
/// bytes (Step Functions takes at most 256 KiB). Deferred → the pending store, 202 <c>{batchId, deferred: true}</c>;
/// otherwise StartExecution named after the batch id → 202 <c>{batchId, executionArn}</c>. Resending the same request
/// gives the same batch id and the same execution (<see cref="BatchIds"/>). No model call, so no quota is reserved:
/// the workflow takes job slots and on-demand quota from the ledger itself. GET /v1/batch/{batchId} answers where the
/// caller's batch is (<see cref="BatchStatusLookup"/>).
/// </summary>
internal sealed class BatchFunction(FunctionServices services, BatchBackend backend, int routeLimit) : BufferedFunction
{
    protected override async ValueTask<HttpApiResponse> ExecuteAsync(HttpApiRequest request, FunctionContext context, CancellationToken cancellationToken)
    {
        if (string.Equals(request.RequestContext?.Http?.Method, "GET", StringComparison.OrdinalIgnoreCase))
        {
            var lookedUp = RouteValues.Required(request, FunctionNames.Batch, "batchId");
            return await BatchStatusLookup.ReadAsync(lookedUp, CallerIdentity.Resolve(request), backend, services.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        var body = RequestBody.Read(request, services.Configuration.BodyLimit(routeLimit));
        var batch = BatchRequestReader.Read(body, services.Time.GetUtcNow());
        QuotaGate.RequireKnownModel(services.Configuration, batch.ModelId);
        var caller = CallerIdentity.Resolve(request);
        var batchId = BatchIds.Derive(caller, request.Header("idempotency-key"), body.Span);
        var folder = backend.FolderOf(batchId);
        var input = new PrepareInput
        {
            BatchId = batchId,
            ModelId = batch.ModelId,
            InputUri = batch.InputS3Uri ?? folder.Append("records.jsonl").ToString(),
            ModelInvocationType = batch.ModelInvocationType,
            TimeoutHours = batch.TimeoutHours,
            Deadline = batch.Deadline,
            MaxOnDemandAttempts = batch.MaxOnDemandAttempts,
            CallerId = caller,
        };

        if (batch.Deferred)
        {
            await DeferAsync(batch, input, backend.ReceiptOf(batchId), cancellationToken).ConfigureAwait(false);
            return Accepted(new BatchAccepted(batchId, null, true));
        }

        await WriteRecordsAsync(batch, input, cancellationToken).ConfigureAwait(false);
        var execution = await StartAsync(batchId, input, context, cancellationToken).ConfigureAwait(false);
        return Accepted(new BatchAccepted(batchId, execution.ExecutionArn, null));
    }

    /// <summary>
    /// The receipt (<c>deferred.json</c>) is written last: a resent request that finds it was already queued, and is not
    /// queued again after a scheduled run took it. A crash before the receipt queues the batch once more on resend,
    /// which at worst runs it twice; results are keyed by batch and record, so a second run rewrites the same items.
    /// </summary>
    private async Task DeferAsync(BatchRequest batch, PrepareInput input, S3Location receipt, CancellationToken cancellationToken)
    {
        var queued = await BatchStores.CallAsync(async () =>
        {
            await using var existing = await backend.ObjectStore.OpenReadAsync(receipt, cancellationToken).ConfigureAwait(false);
            return existing is not null;
        }, "read the batch's receipt").ConfigureAwait(false);
        if (queued)
        {
            return;
        }

        await WriteRecordsAsync(batch, input, cancellationToken).ConfigureAwait(false);
        await BatchStores.CallAsync(() => backend.Pending.EnqueueAsync(new PendingBatch
        {
            BatchId = input.BatchId!,
            ModelId = input.ModelId!,
            InputUri = input.InputUri!,
            EnqueuedAt = services.Time.GetUtcNow(),
        }, cancellationToken).AsTask(), "queue the deferred batch").ConfigureAwait(false);
        var json = JsonSerializer.SerializeToUtf8Bytes(input, BatchJsonContext.Default.PrepareInput);
        await BatchStores.CallAsync(() => backend.ObjectStore.PutAsync(receipt, json, cancellationToken), "write the batch's receipt").ConfigureAwait(false);
    }

    private async Task WriteRecordsAsync(BatchRequest batch, PrepareInput input, CancellationToken cancellationToken)
    {
        if (batch.RecordsJsonl is { } jsonl)
        {
            var location = S3Location.Parse(input.InputUri, "inputUri");
            await BatchStores.CallAsync(() => backend.ObjectStore.PutAsync(location, jsonl, cancellationToken), "write the inline records").ConfigureAwait(false);
        }
    }

    private async Task<BatchExecution> StartAsync(string batchId, PrepareInput input, FunctionContext context, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(input, BatchJsonContext.Default.PrepareInput);
        try
        {
            return await backend.Starter.StartAsync(batchId, json, context.TraceId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw new FunctionException(new FunctionError(502, ErrorCodes.StepFunctionsUnreachable, "Step Functions could not be reached; the batch may not have started: send the same request again.", true));
        }
        catch (TimeoutException)
        {
            throw new FunctionException(new FunctionError(504, ErrorCodes.StepFunctionsUnreachable, "Step Functions did not answer in time; the batch may have started: send the same request again.", true));
        }
    }

    private static HttpApiResponse Accepted(BatchAccepted accepted)
        => HttpApiResponse.Json(202, JsonSerializer.SerializeToUtf8Bytes(accepted, FunctionsJsonContext.Default.BatchAccepted));
}
