using Serverless.Functions.StepFunctions;

namespace Serverless.Functions.Handlers.Batches;

/// <summary>
/// Starts the batch state machine with StartExecution. A STANDARD state machine answers a repeated start (same name,
/// same input) with the running execution; once that execution has closed it answers ExecutionAlreadyExists, which
/// for a name that stands for its input (see <see cref="IBatchExecutionStarter"/>) is the same batch: success, with
/// the ARN the execution has by construction. Describes an execution by the same name with DescribeExecution.
/// </summary>
public sealed class StepFunctionsExecutionStarter(AmazonStepFunctionsClient client, string stateMachineArn) : IBatchExecutionStarter
{
    public async Task<BatchExecution> StartAsync(string name, string input, string? traceHeader, CancellationToken cancellationToken)
    {
        try
        {
            var started = await client.StartExecutionAsync(new StartExecutionRequest
            {
                StateMachineArn = stateMachineArn,
                Name = name,
                Input = input,
                TraceHeader = traceHeader is { Length: <= 256 } && System.Text.Ascii.IsValid(traceHeader) ? traceHeader : null,
            }, cancellationToken).ConfigureAwait(false);
            return new BatchExecution(started.ExecutionArn, AlreadyStarted: false);
        }
        catch (ExecutionAlreadyExistsException)
        {
            return new BatchExecution(ExecutionArns.For(stateMachineArn, name), AlreadyStarted: true);
        }
    }

    public async Task<BatchExecutionStatus?> DescribeAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var execution = await client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = ExecutionArns.For(stateMachineArn, name) }, cancellationToken).ConfigureAwait(false);
            return new BatchExecutionStatus(execution.ExecutionArn, execution.Status, execution.StartDate, execution.StopDate,
                execution.Input ?? "{}", execution.Output, execution.Error, execution.Cause);
        }
        catch (ExecutionDoesNotExistException)
        {
            return null;
        }
    }
}
