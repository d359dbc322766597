namespace Serverless.Lambda.RuntimeSupport;

/// <summary>
/// The environment variables the runtime reads (and the one it writes: the X-Ray trace id per invocation). Injected
/// so tests run several runtimes in one process without touching the process environment.
/// </summary>
public sealed class LambdaEnvironment
{
    /// <summary>host:port of the Runtime API.</summary>
    public const string RuntimeApi = "AWS_LAMBDA_RUNTIME_API";

    /// <summary>The function's handler setting: free-form on provided.al2023, the assembly name on the managed dotnet runtime.</summary>
    public const string Handler = "_HANDLER";

    /// <summary>This project's own setting naming the function when <see cref="Handler"/> must name the assembly.</summary>
    public const string FunctionHandler = "FUNCTION_HANDLER";

    /// <summary>Set for each invocation from Lambda-Runtime-Trace-Id, as Lambda's own runtimes do (the X-Ray SDKs read it).</summary>
    public const string TraceId = "_X_AMZN_TRACE_ID";

    public const string FunctionName = "AWS_LAMBDA_FUNCTION_NAME";
    public const string FunctionVersion = "AWS_LAMBDA_FUNCTION_VERSION";
    public const string FunctionMemorySize = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";
    public const string LogGroupName = "AWS_LAMBDA_LOG_GROUP_NAME";
    public const string LogStreamName = "AWS_LAMBDA_LOG_STREAM_NAME";

    private readonly Func<string, string?> _read;
    private readonly Action<string, string?> _write;

    public LambdaEnvironment(Func<string, string?> read, Action<string, string?> write)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(write);
        _read = read;
        _write = write;
    }

    /// <summary>The process environment.</summary>
    public static LambdaEnvironment FromProcess() => new(Environment.GetEnvironmentVariable, Environment.SetEnvironmentVariable);

    /// <summary>A private set of variables (writes go to the same dictionary).</summary>
    public static LambdaEnvironment FromDictionary(IDictionary<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return new LambdaEnvironment(name => variables.TryGetValue(name, out var value) ? value : null, (name, value) => variables[name] = value);
    }

    /// <summary>The variable's value, or null when it is unset or empty.</summary>
    public string? Get(string name) => _read(name) is { Length: > 0 } value ? value : null;

    public void Set(string name, string? value) => _write(name, value);

    /// <summary>The function's identity, read once at start-up.</summary>
    public LambdaFunctionInfo ReadFunctionInfo() => new(
        Get(FunctionName) ?? string.Empty,
        Get(FunctionVersion) ?? string.Empty,
        int.TryParse(Get(FunctionMemorySize), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var memory) ? memory : 0,
        Get(LogGroupName) ?? string.Empty,
        Get(LogStreamName) ?? string.Empty);
}
