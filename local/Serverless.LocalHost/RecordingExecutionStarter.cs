using System.Collections.Concurrent;
using System.Net;
using Serverless.Functions.Handlers.Batches;
using Serverless.Functions.StepFunctions;

namespace Serverless.LocalHost;

/// <summary>One execution the local host "started": its name, input and when.</summary>
public sealed record RecordedExecution(string Name, string ExecutionArn, string Input, DateTimeOffset StartedAt);

/// <summary>
/// The local stand-in for Step Functions behind the batch route: it records each execution instead of running the
/// workflow (run a batch locally with <c>./run.sh batch</c>). Same name and input → the same execution, as a
/// STANDARD state machine answers; same name with another input → ExecutionAlreadyExists.
/// </summary>
public sealed class RecordingExecutionStarter(TimeProvider time) : IBatchExecutionStarter
{
    public const string StateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:bedrock-batch-local";

    private readonly ConcurrentDictionary<string, RecordedExecution> _executions = new(StringComparer.Ordinal);

    public IReadOnlyCollection<RecordedExecution> Executions => _executions.Values.OrderBy(e => e.StartedAt).ToList();

    public Task<BatchExecution> StartAsync(string name, string input, string? traceHeader, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var fresh = new RecordedExecution(name, ExecutionArns.For(StateMachineArn, name), input, time.GetUtcNow());
        var recorded = _executions.GetOrAdd(name, fresh);
        if (!ReferenceEquals(recorded, fresh) && recorded.Input != input)
        {
            throw new ExecutionAlreadyExistsException($"Execution Already Exists: '{recorded.ExecutionArn}'", HttpStatusCode.BadRequest, null);
        }

        return Task.FromResult(new BatchExecution(recorded.ExecutionArn, AlreadyStarted: !ReferenceEquals(recorded, fresh)));
    }

    /// <summary>A recorded execution is RUNNING for ever: nothing runs the workflow here.</summary>
    public Task<BatchExecutionStatus?> DescribeAsync(string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_executions.TryGetValue(name, out var recorded)
            ? new BatchExecutionStatus(recorded.ExecutionArn, "RUNNING", recorded.StartedAt, null, recorded.Input, null, null, null)
            : null);
    }
}
