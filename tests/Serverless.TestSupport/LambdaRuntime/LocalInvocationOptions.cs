namespace Serverless.TestSupport;

/// <summary>The per-invocation headers a <see cref="LocalRuntimeApi"/> sends with an event.</summary>
public sealed class LocalInvocationOptions
{
    /// <summary>Lambda-Runtime-Aws-Request-Id; a new GUID when null.</summary>
    public string? RequestId { get; init; }

    /// <summary>The function's timeout: the deadline is the clock's now plus this when the runtime takes the event.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public string InvokedFunctionArn { get; init; } = "arn:aws:lambda:us-east-1:123456789012:function:local-function";

    /// <summary>Lambda-Runtime-Trace-Id; none when null.</summary>
    public string? TraceId { get; init; }

    /// <summary>Lambda-Runtime-Client-Context; none when null.</summary>
    public string? ClientContext { get; init; }

    /// <summary>Lambda-Runtime-Cognito-Identity; none when null.</summary>
    public string? CognitoIdentity { get; init; }
}
