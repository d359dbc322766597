using System.Text.Json;
using Serverless.Bedrock.Model;
using Serverless.Quota;

namespace Serverless.Functions.Json;

/// <summary>GET /v1/quota: every model's use against limit, with the caller's own sub-limit where one applies.</summary>
public sealed record QuotaOverview(string CallerId, IReadOnlyList<QuotaStatus> Models);

/// <summary>POST /v1/async: the started invocation and the idempotency token it was started with.</summary>
public sealed record AsyncInvokeStarted(string InvocationArn, string ClientRequestToken);

/// <summary>POST /v1/batch: the batch's id and either its execution or <c>deferred: true</c> (waiting for the scheduled run).</summary>
public sealed record BatchAccepted(string BatchId, string? ExecutionArn, bool? Deferred);

/// <summary>
/// GET /v1/batch/{batchId}: where the caller's batch is. <c>Status</c> is the execution's (RUNNING, SUCCEEDED, FAILED,
/// TIMED_OUT, ABORTED, PENDING_REDRIVE) or DEFERRED for a deferred batch that is not an execution of its own (it waits
/// for, or runs inside, a scheduled run). <c>Summary</c> is the finished run's summary (counts, tokens, and each batch's
/// results file); <c>Error</c> and <c>Cause</c> say why an execution did not succeed. <c>ResultsUrl</c> downloads this
/// batch's results file (one line per record) without S3 permissions of the caller's own, until <c>ResultsUrlExpiresAt</c>.
/// </summary>
public sealed record BatchStatus(
    string BatchId,
    string Status,
    string? ExecutionArn,
    DateTimeOffset? StartedAt,
    DateTimeOffset? StoppedAt,
    JsonElement? Summary,
    string? Error,
    string? Cause)
{
    public Uri? ResultsUrl { get; init; }

    public DateTimeOffset? ResultsUrlExpiresAt { get; init; }
}

/// <summary>POST /v1/tokens.</summary>
public sealed record TokenCount(string ModelId, int InputTokens);

/// <summary>POST /v1/structured: the JSON document, valid against the caller's schema.</summary>
/// <param name="Output">The document.</param>
/// <param name="Mode">How it was obtained: <c>native</c> (outputConfig json_schema) or <c>toolUse</c> (a forced tool).</param>
/// <param name="Attempts">1, or 2 when the first answer was invalid and the repair fixed it.</param>
/// <param name="Usage">Tokens of all attempts together.</param>
public sealed record StructuredResult(JsonElement Output, string Mode, int Attempts, string StopReason, TokenUsage Usage);
