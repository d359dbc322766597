namespace Serverless.Functions.Handlers.Batches;

/// <summary>A started (or already running) execution of the batch workflow.</summary>
/// <param name="ExecutionArn">The execution's ARN.</param>
/// <param name="AlreadyStarted">True when an earlier start of the same name was found instead of a new one.</param>
public sealed record BatchExecution(string ExecutionArn, bool AlreadyStarted);

/// <summary>What an execution of the batch workflow is doing, as Step Functions describes it.</summary>
/// <param name="Status">RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE.</param>
/// <param name="Input">The execution input (batch-prepare's PrepareInput as JSON, with the caller).</param>
/// <param name="Output">The execution output when it succeeded (the run's summary as JSON).</param>
public sealed record BatchExecutionStatus(
    string ExecutionArn,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? StoppedAt,
    string Input,
    string? Output,
    string? Error,
    string? Cause);

/// <summary>
/// Starts one execution of the batch workflow, and describes it later. Idempotent by name: the batch route names an execution after its
/// batch id, which is derived from everything that goes into the input, so a second start with the same name is
/// the same batch and answers with the first execution.
/// </summary>
public interface IBatchExecutionStarter
{
    /// <param name="name">The execution's name (the batch id).</param>
    /// <param name="input">The execution input (batch-prepare's PrepareInput as JSON).</param>
    /// <param name="traceHeader">The caller's X-Ray trace header, if any.</param>
    Task<BatchExecution> StartAsync(string name, string input, string? traceHeader, CancellationToken cancellationToken);

    /// <summary>The execution of this name, or null when there is none.</summary>
    Task<BatchExecutionStatus?> DescribeAsync(string name, CancellationToken cancellationToken);
}
