namespace Serverless.Functions.StepFunctions;

/// <summary>The service model's constraints on DescribeExecution, checked before anything is sent.</summary>
internal static class DescribeExecutionValidator
{
    public static void Validate(DescribeExecutionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        StartExecutionValidator.CheckArn("executionArn", request.ExecutionArn);
    }
}
