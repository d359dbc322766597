using System.Net;

namespace Serverless.Functions.StepFunctions;

/// <summary>An error Step Functions answered with; <see cref="ErrorCode"/> is the shape name without its namespace.</summary>
public class StepFunctionsException(string message, string errorCode, HttpStatusCode statusCode, string? requestId)
    : Exception(message)
{
    public string ErrorCode { get; } = errorCode;

    public HttpStatusCode StatusCode { get; } = statusCode;

    public string? RequestId { get; } = requestId;

    /// <summary>The request was throttled (ThrottlingException, KmsThrottlingException, ...): try again later.</summary>
    public bool IsThrottling => StepFunctionsErrors.IsThrottling(ErrorCode, StatusCode);

    /// <summary>Sending the same request again may succeed: throttling or a server fault.</summary>
    public bool IsRetryable => IsThrottling || (int)StatusCode >= 500;
}

/// <summary>
/// An execution of this name exists: it has closed, or it runs with a different input (a running execution with the
/// same name and input is not an error: StartExecution answers as for the first start).
/// </summary>
public sealed class ExecutionAlreadyExistsException(string message, HttpStatusCode statusCode, string? requestId)
    : StepFunctionsException(message, StepFunctionsErrors.ExecutionAlreadyExists, statusCode, requestId);

/// <summary>
/// DescribeExecution found no execution of this ARN: a wrong ARN, one of another account or region, or an execution
/// closed so long ago that Step Functions no longer keeps it. Not retryable.
/// </summary>
public sealed class ExecutionDoesNotExistException(string message, HttpStatusCode statusCode, string? requestId)
    : StepFunctionsException(message, StepFunctionsErrors.ExecutionDoesNotExist, statusCode, requestId);
