namespace Serverless.Lambda.RuntimeSupport;

/// <summary>What the environment says about the function (the same for every invocation).</summary>
public sealed record LambdaFunctionInfo(string FunctionName, string FunctionVersion, int MemoryLimitInMB, string LogGroupName, string LogStreamName);
