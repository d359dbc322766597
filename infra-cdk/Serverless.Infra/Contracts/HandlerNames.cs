using Serverless.Batch.Steps;
using Serverless.Functions.Routing;

namespace Serverless.Infra.Contracts;

/// <summary>
/// The handler names the one function executable knows (its <c>_HANDLER</c> / <c>FUNCTION_HANDLER</c> values), taken
/// from the functions' and the batch steps' own constants so a rename there reaches the stack. The batch route's
/// function is not in FunctionRoutes yet: its name comes from cdk.json (<c>batchFunction</c>, default "batch").
/// </summary>
public static class HandlerNames
{
    public const string Invoke = FunctionNames.Invoke;
    public const string InvokeStream = FunctionNames.InvokeStream;
    public const string Converse = FunctionNames.Converse;
    public const string ConverseStream = FunctionNames.ConverseStream;
    public const string Structured = FunctionNames.Structured;
    public const string AsyncStart = FunctionNames.AsyncStart;
    public const string AsyncStatus = FunctionNames.AsyncStatus;
    public const string Tokens = FunctionNames.Tokens;
    public const string Quota = FunctionNames.Quota;

    public const string BatchPrepare = BatchStepNames.Prepare;
    public const string BatchAdmit = BatchStepNames.Admit;
    public const string BatchFanOut = BatchStepNames.FanOut;
    public const string BatchRelease = BatchStepNames.Release;
    public const string BatchRetry = BatchStepNames.Retry;
    public const string BatchSummarize = BatchStepNames.Summarize;
}
