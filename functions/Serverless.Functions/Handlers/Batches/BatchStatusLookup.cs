using System.Text.Json;
using Serverless.Batch.Contracts;
using Serverless.Batch.Json;
using Serverless.Batch.Storage;
using Serverless.Functions.Errors;
using Serverless.Functions.Http;
using Serverless.Functions.Json;
using Serverless.Functions.StepFunctions;

namespace Serverless.Functions.Handlers.Batches;

/// <summary>
/// GET /v1/batch/{batchId}: where a batch the caller submitted is. A batch that started is the execution named after
/// its id (DescribeExecution: status, times, and the run's summary once it succeeded — counts, tokens, each batch's
/// results file — or the error and cause once it did not); a deferred batch has its receipt and is DEFERRED until the
/// scheduled run's summary event reports it. Only the caller that submitted a batch sees it: the caller is in the
/// execution input and in the receipt, and to anyone else the batch does not exist (404, as for an async invocation).
/// Once it succeeded, the answer links the batch's results file (a presigned GET valid for <see cref="LinkLifetime"/>)
/// when the file lies under the configured results prefix.
/// </summary>
internal static class BatchStatusLookup
{
    /// <summary>Short: a link signed with a Lambda role's session credentials stops working when they expire anyway.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(1);

    public static async Task<HttpApiResponse> ReadAsync(string batchId, string caller, BatchBackend backend, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!BatchIds.IsWellFormed(batchId))
        {
            throw FunctionException.BadRequest("batchId", $"'{Shorten(batchId)}' is not a batch id as POST /v1/batch returns it (b- and 32 lowercase hex digits)");
        }

        var execution = await DescribeAsync(batchId, backend, cancellationToken).ConfigureAwait(false);
        if (execution is not null)
        {
            if (CallerOf(execution.Input) != caller)
            {
                throw NotFound(batchId);
            }

            var status = new BatchStatus(batchId, execution.Status, execution.ExecutionArn, execution.StartedAt, execution.StoppedAt,
                SummaryOf(execution), execution.Error, execution.Cause);
            return Ok(await WithResultsLinkAsync(status, backend, execution.Output, now, cancellationToken).ConfigureAwait(false));
        }

        var deferred = await BatchStores.CallAsync(async () =>
        {
            await using var stream = await backend.ObjectStore.OpenReadAsync(backend.ReceiptOf(batchId), cancellationToken).ConfigureAwait(false);
            if (stream is null)
            {
                return null;
            }

            using var reader = new StreamReader(stream);
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }, "read the batch's receipt", "try again").ConfigureAwait(false);
        if (deferred is null || CallerOf(deferred) != caller)
        {
            throw NotFound(batchId);
        }

        return Ok(new BatchStatus(batchId, "DEFERRED", null, null, null, null, null, null));
    }

    private static async Task<BatchExecutionStatus?> DescribeAsync(string batchId, BatchBackend backend, CancellationToken cancellationToken)
    {
        try
        {
            return await backend.Starter.DescribeAsync(batchId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw new FunctionException(new FunctionError(502, ErrorCodes.StepFunctionsUnreachable, "Step Functions could not be reached for the batch lookup: try again.", true));
        }
        catch (TimeoutException)
        {
            throw new FunctionException(new FunctionError(504, ErrorCodes.StepFunctionsUnreachable, "Step Functions did not answer the batch lookup in time: try again.", true));
        }
        catch (StepFunctionsException exception)
        {
            throw new FunctionException(ErrorMapper.FromStepFunctions(exception, "the batch lookup", "try again"));
        }
    }

    private static async Task<BatchStatus> WithResultsLinkAsync(BatchStatus status, BatchBackend backend, string? output, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (backend.ResultsPrefix is not { } prefix || backend.Links is null
            || ResultsUriOf(output, status.BatchId) is not { } uri || !S3Location.TryParse(uri, out var location) || !location.IsUnder(prefix))
        {
            return status;
        }

        var expiresAt = now + LinkLifetime;
        var url = await backend.Links.Value.DownloadUrlAsync(location, expiresAt, cancellationToken).ConfigureAwait(false);
        return status with { ResultsUrl = url, ResultsUrlExpiresAt = expiresAt };
    }

    /// <summary>This batch's results file in a run summary (a scheduled run summarizes several batches).</summary>
    private static string? ResultsUriOf(string? output, string batchId)
    {
        try
        {
            return output is null ? null : JsonSerializer.Deserialize(output, BatchJsonContext.Default.BatchSummary)?.Batches.FirstOrDefault(b => b.BatchId == batchId)?.ResultsUri;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The caller recorded in an execution input or receipt; null when it is not the batch route's PrepareInput.</summary>
    private static string? CallerOf(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, BatchJsonContext.Default.PrepareInput)?.CallerId;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement? SummaryOf(BatchExecutionStatus execution)
    {
        if (execution.Output is not { Length: > 0 } output)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(output);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static FunctionException NotFound(string batchId)
        => new(FunctionError.NotFound(ErrorCodes.BatchNotFound, $"batchId: '{batchId}' is not a batch of this caller (never submitted, or submitted by another caller)"));

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private static HttpApiResponse Ok(BatchStatus status)
        => HttpApiResponse.Json(200, JsonSerializer.SerializeToUtf8Bytes(status, FunctionsJsonContext.Default.BatchStatus));
}
