using Serverless.Functions.Lambda;
using Serverless.Lambda.RuntimeSupport;

// Every function this executable serves is registered in LambdaFunctions; _HANDLER or FUNCTION_HANDLER picks one
// (docs/lambda-runtime.md). Factories run on the function's first invocation, never at start-up.
var functions = LambdaFunctions.Create(Environment.GetEnvironmentVariable, TimeProvider.System, Random.Shared);

return await LambdaHost.RunAsync(functions, typeof(PingFunction).Assembly.GetName().Name!);
