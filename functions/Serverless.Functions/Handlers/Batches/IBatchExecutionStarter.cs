namespace Serverless.Functions.Handlers.Batches;

/// <summary>A started (or already running) execution of the batch workflow.</summary>
/// <param name="ExecutionArn">The execution's ARN.</param>
/// <param name="AlreadyStarted">True when an earlier start of the same name was found instead of a new one.</param>
public sealed record BatchExecution(string ExecutionArn, bool AlreadyStarted);

/// <summary>
/// Starts one execution of the batch workflow. Idempotent by name: the batch route names an execution after its
/// batch id, which is derived from everything that goes into the input, so a second start with the same name is
/// the same batch and answers with the first execution.
/// </summary>
public interface IBatchExecutionStarter
{
    /// <param name="name">The execution's name (the batch id).</param>
    /// <param name="input">The execution input (batch-prepare's PrepareInput as JSON).</param>
    /// <param name="traceHeader">The caller's X-Ray trace header, if any.</param>
    Task<BatchExecution> StartAsync(string name, string input, string? traceHeader, CancellationToken cancellationToken);
}
