namespace Serverless.Lambda.RuntimeSupport;

/// <summary>One event from GET /runtime/invocation/next: the payload bytes as sent and the per-invocation headers.</summary>
public sealed class InvocationRequest
{
    /// <summary>Lambda-Runtime-Aws-Request-Id.</summary>
    public required string AwsRequestId { get; init; }

    /// <summary>The response body of /next, unchanged (no decoding, no BOM stripping).</summary>
    public required ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>Lambda-Runtime-Deadline-Ms as a point in time.</summary>
    public required DateTimeOffset Deadline { get; init; }

    /// <summary>Lambda-Runtime-Invoked-Function-Arn.</summary>
    public required string InvokedFunctionArn { get; init; }

    /// <summary>Lambda-Runtime-Trace-Id, when present.</summary>
    public string? TraceId { get; init; }

    /// <summary>Lambda-Runtime-Client-Context, when present.</summary>
    public string? ClientContextJson { get; init; }

    /// <summary>Lambda-Runtime-Cognito-Identity, when present.</summary>
    public string? CognitoIdentityJson { get; init; }
}
