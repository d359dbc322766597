using System.Net;

namespace Serverless.Functions.StepFunctions;

/// <summary>StartExecution's and DescribeExecution's modelled error codes, and which codes mean throttling (the AWS SDKs' standard list).</summary>
public static class StepFunctionsErrors
{
    public const string ExecutionAlreadyExists = "ExecutionAlreadyExists";
    public const string ExecutionDoesNotExist = "ExecutionDoesNotExist";
    public const string ExecutionLimitExceeded = "ExecutionLimitExceeded";
    public const string InvalidArn = "InvalidArn";
    public const string InvalidExecutionInput = "InvalidExecutionInput";
    public const string InvalidName = "InvalidName";
    public const string StateMachineDoesNotExist = "StateMachineDoesNotExist";
    public const string StateMachineDeleting = "StateMachineDeleting";
    public const string ValidationException = "ValidationException";
    public const string ThrottlingException = "ThrottlingException";
    public const string KmsThrottlingException = "KmsThrottlingException";

    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", ThrottlingException, "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "RequestLimitExceeded", "RequestThrottled", "SlowDown", KmsThrottlingException,
    };

    public static bool IsThrottling(string errorCode, HttpStatusCode statusCode)
        => statusCode == HttpStatusCode.TooManyRequests || ThrottlingCodes.Contains(errorCode);
}
