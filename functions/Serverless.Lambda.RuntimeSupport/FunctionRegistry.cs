namespace Serverless.Lambda.RuntimeSupport;

/// <summary>
/// The functions one executable can serve, by name. Registering costs nothing: each handler is built lazily when its
/// function is the one selected (see <see cref="FunctionSelector"/>) and first invoked.
/// </summary>
public sealed class FunctionRegistry
{
    private readonly Dictionary<string, FunctionRegistration> _functions = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _functions.Keys;

    public FunctionRegistry AddBuffered(string name, Func<IBufferedLambdaHandler> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return Add(new FunctionRegistration(CheckName(name), factory));
    }

    public FunctionRegistry AddStreaming(string name, Func<IStreamingLambdaHandler> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return Add(new FunctionRegistration(CheckName(name), factory));
    }

    /// <summary>The function registered under <paramref name="name"/>; an unknown name is an init error listing the known ones.</summary>
    public FunctionRegistration Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _functions.TryGetValue(name, out var function)
            ? function
            : throw new LambdaInitException(
                "Runtime.UnknownFunction",
                $"No function is named '{name}'. Known functions: {(_functions.Count == 0 ? "(none)" : string.Join(", ", _functions.Keys.Order(StringComparer.Ordinal)))}.");
    }

    private FunctionRegistry Add(FunctionRegistration function)
    {
        if (!_functions.TryAdd(function.Name, function))
        {
            throw new ArgumentException($"A function named '{function.Name}' is already registered.", "name");
        }

        return this;
    }

    private static string CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        // A plain loop, not LINQ: registration runs at every cold start and System.Linq need not load for it.
        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || c == ':')
            {
                throw new ArgumentException($"Function name '{name}' has whitespace or ':' (a ':' in _HANDLER makes the managed runtime look for a class-library handler).", nameof(name));
            }
        }

        return name;
    }
}
