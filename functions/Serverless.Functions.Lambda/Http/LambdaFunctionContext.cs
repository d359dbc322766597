using Serverless.Lambda.RuntimeSupport;

namespace Serverless.Functions.Lambda.Http;

/// <summary>The host-agnostic invocation facts the functions need, taken from the Lambda context.</summary>
internal static class LambdaFunctionContext
{
    public static FunctionContext From(ILambdaContext context) => new()
    {
        RequestId = context.AwsRequestId,
        Deadline = context.Deadline,
        TraceId = context.TraceId,
    };
}
