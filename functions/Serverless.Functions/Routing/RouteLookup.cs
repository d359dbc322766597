namespace Serverless.Functions.Routing;

/// <summary>The outcome of looking a request up in <see cref="FunctionRoutes"/>.</summary>
public sealed class RouteLookup
{
    private RouteLookup(FunctionRoute? route, IReadOnlyDictionary<string, string> pathParameters, IReadOnlyList<string> allowedMethods)
    {
        Route = route;
        PathParameters = pathParameters;
        AllowedMethods = allowedMethods;
    }

    /// <summary>The matching route, or null (see <see cref="AllowedMethods"/>).</summary>
    public FunctionRoute? Route { get; }

    /// <summary>Decoded path parameters of the match.</summary>
    public IReadOnlyDictionary<string, string> PathParameters { get; }

    /// <summary>When no route matched: the methods the path does answer (405), or none (404).</summary>
    public IReadOnlyList<string> AllowedMethods { get; }

    internal static RouteLookup Found(FunctionRoute route, Dictionary<string, string> parameters) => new(route, parameters, []);

    internal static RouteLookup Missing(IReadOnlyList<string> allowedMethods) => new(null, new Dictionary<string, string>(), allowedMethods);
}
