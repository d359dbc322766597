namespace Serverless.Functions.StepFunctions;

/// <summary>Execution ARNs follow from the state machine's ARN and the execution's name.</summary>
public static class ExecutionArns
{
    /// <summary>
    /// <c>arn:aws:states:us-east-1:123456789012:stateMachine:batch</c> + <c>b-1</c> →
    /// <c>arn:aws:states:us-east-1:123456789012:execution:batch:b-1</c> (a version or alias qualifier is dropped).
    /// </summary>
    public static string For(string stateMachineArn, string executionName)
    {
        ArgumentNullException.ThrowIfNull(stateMachineArn);
        ArgumentNullException.ThrowIfNull(executionName);
        var parts = stateMachineArn.Split(':');
        if (parts.Length < 7 || parts[5] != "stateMachine")
        {
            throw new ArgumentException($"stateMachineArn: '{stateMachineArn}' is not a state machine ARN (arn:PARTITION:states:REGION:ACCOUNT:stateMachine:NAME).", nameof(stateMachineArn));
        }

        return string.Join(':', parts[..5]) + ":execution:" + parts[6] + ":" + executionName;
    }
}
