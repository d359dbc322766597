using Serverless.Functions.Lambda;
using Serverless.Lambda.RuntimeSupport;

// Every function this executable serves, registered here and only here; _HANDLER or FUNCTION_HANDLER picks one
// (docs/lambda-runtime.md). Factories run on the function's first invocation, never at start-up.
var functions = new FunctionRegistry()
    .AddBuffered(PingFunction.Name, () => new PingFunction());

return await LambdaHost.RunAsync(functions, typeof(PingFunction).Assembly.GetName().Name!);
