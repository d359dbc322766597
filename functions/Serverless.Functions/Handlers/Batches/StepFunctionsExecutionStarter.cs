using Serverless.Functions.StepFunctions;

namespace Serverless.Functions.Handlers.Batches;

/// <summary>
/// Starts the batch state machine with StartExecution. A STANDARD state machine answers a repeated start (same name,
/// same input) with the running execution; once that execution has closed it answers ExecutionAlreadyExists, which
/// for a name that stands for its input (see <see cref="IBatchExecutionStarter"/>) is the same batch: success, with
/// the ARN the execution has by construction.
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
}
