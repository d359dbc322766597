namespace Serverless.Lambda.RuntimeSupport;

/// <summary>
/// What one invocation knows about itself: the Runtime API's per-invocation headers plus the function's
/// environment. Mirrors Amazon.Lambda.Core's ILambdaContext (client context and Cognito identity stay raw JSON
/// here, so nothing is parsed unless a handler asks).
/// </summary>
public interface ILambdaContext
{
    /// <summary>Lambda-Runtime-Aws-Request-Id.</summary>
    string AwsRequestId { get; }

    /// <summary>Lambda-Runtime-Invoked-Function-Arn (the ARN the caller used: alias or version included).</summary>
    string InvokedFunctionArn { get; }

    /// <summary>When Lambda stops the invocation (Lambda-Runtime-Deadline-Ms).</summary>
    DateTimeOffset Deadline { get; }

    /// <summary>Time left until <see cref="Deadline"/> on the runtime's clock; never negative.</summary>
    TimeSpan RemainingTime { get; }

    /// <summary>Lambda-Runtime-Trace-Id (the X-Ray trace header), or null when tracing sent none.</summary>
    string? TraceId { get; }

    /// <summary>AWS_LAMBDA_FUNCTION_NAME.</summary>
    string FunctionName { get; }

    /// <summary>AWS_LAMBDA_FUNCTION_VERSION.</summary>
    string FunctionVersion { get; }

    /// <summary>AWS_LAMBDA_FUNCTION_MEMORY_SIZE (0 when unset).</summary>
    int MemoryLimitInMB { get; }

    /// <summary>AWS_LAMBDA_LOG_GROUP_NAME.</summary>
    string LogGroupName { get; }

    /// <summary>AWS_LAMBDA_LOG_STREAM_NAME.</summary>
    string LogStreamName { get; }

    /// <summary>Lambda-Runtime-Client-Context as sent (JSON), or null; present for mobile SDK callers.</summary>
    string? ClientContextJson { get; }

    /// <summary>Lambda-Runtime-Cognito-Identity as sent (JSON), or null.</summary>
    string? CognitoIdentityJson { get; }

    /// <summary>
    /// Cancelled a safety margin before <see cref="Deadline"/> (so a handler can still answer) and when the runtime
    /// shuts down. The same token is passed to the handler.
    /// </summary>
    CancellationToken CancellationToken { get; }
}
