namespace Serverless.Lambda.RuntimeSupport;

/// <summary>
/// Picks the function this process serves from the environment, so one executable serves every function:
/// <list type="bullet">
/// <item><c>FUNCTION_HANDLER</c>, when set, names the function (always wins);</item>
/// <item>otherwise <c>_HANDLER</c> names it — on provided.al2023 the handler setting is free-form and only the
/// <c>bootstrap</c> file is run;</item>
/// <item>on the managed dotnet runtime an executable assembly is run as <c>dotnet exec $LAMBDA_TASK_ROOT/$_HANDLER.dll</c>,
/// so <c>_HANDLER</c> must be the assembly name there; when it is, <c>FUNCTION_HANDLER</c> is required.</item>
/// </list>
/// </summary>
public static class FunctionSelector
{
    public static string SelectName(LambdaEnvironment environment, string entryAssemblyName)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrWhiteSpace(entryAssemblyName);
        if (environment.Get(LambdaEnvironment.FunctionHandler) is { } named)
        {
            return named.Trim();
        }

        var handler = environment.Get(LambdaEnvironment.Handler)?.Trim();
        if (handler is null)
        {
            throw new LambdaInitException(
                "Runtime.NoHandler",
                $"Neither {LambdaEnvironment.FunctionHandler} nor {LambdaEnvironment.Handler} names the function to run.");
        }

        if (IsAssemblyName(handler, entryAssemblyName))
        {
            throw new LambdaInitException(
                "Runtime.NoHandler",
                $"{LambdaEnvironment.Handler} is the assembly name '{handler}' (the managed dotnet runtime runs an executable assembly by that name); " +
                $"set {LambdaEnvironment.FunctionHandler} to the function to run.");
        }

        return handler;
    }

    private static bool IsAssemblyName(string handler, string entryAssemblyName) =>
        string.Equals(handler, entryAssemblyName, StringComparison.Ordinal)
        || string.Equals(handler, entryAssemblyName + ".dll", StringComparison.Ordinal);
}
