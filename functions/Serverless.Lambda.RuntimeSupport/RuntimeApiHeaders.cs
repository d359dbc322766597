namespace Serverless.Lambda.RuntimeSupport;

/// <summary>Header names and values of the Runtime API (2018-06-01), as documented in the AWS Lambda developer guide.</summary>
public static class RuntimeApiHeaders
{
    public const string RequestId = "Lambda-Runtime-Aws-Request-Id";
    public const string DeadlineMs = "Lambda-Runtime-Deadline-Ms";
    public const string InvokedFunctionArn = "Lambda-Runtime-Invoked-Function-Arn";
    public const string TraceId = "Lambda-Runtime-Trace-Id";
    public const string ClientContext = "Lambda-Runtime-Client-Context";
    public const string CognitoIdentity = "Lambda-Runtime-Cognito-Identity";

    /// <summary>On /error and /init/error a request header; on a streamed response a trailer.</summary>
    public const string FunctionErrorType = "Lambda-Runtime-Function-Error-Type";

    /// <summary>Trailer of a streamed response: the error document, base64-encoded.</summary>
    public const string FunctionErrorBody = "Lambda-Runtime-Function-Error-Body";

    public const string ResponseMode = "Lambda-Runtime-Function-Response-Mode";
    public const string StreamingResponseMode = "streaming";

    /// <summary>Content type of a streamed response that does not start with an HTTP prelude.</summary>
    public const string DefaultStreamingContentType = "application/octet-stream";

    /// <summary>The API version every path starts with.</summary>
    public const string ApiVersion = "2018-06-01";
}
