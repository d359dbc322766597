namespace Serverless.Functions.Routing;

/// <summary>
/// The one route table: the local host serves it, and the CDK app creates the API routes from it. Model ids contain
/// ':' and '.', which are legal in a path segment; an async invocation ARN contains '/', so its route is greedy
/// (clients should still percent-encode it).
/// </summary>
public static class FunctionRoutes
{
    /// <summary>Lambda's synchronous payload limit is 6 MB for the whole event; 5 MiB of body leaves room for the rest.</summary>
    public const int LargeBodyBytes = 5 * 1024 * 1024;

    /// <summary>Bodies of the JSON-only routes (prompts, schemas, async starts).</summary>
    public const int JsonBodyBytes = 1024 * 1024;

    /// <summary>GET routes take no body.</summary>
    public const int NoBodyBytes = 0;

    public static IReadOnlyList<FunctionRoute> All { get; } =
    [
        new("POST", "/v1/invoke/{modelId}", FunctionNames.Invoke, FunctionKind.Buffered, LargeBodyBytes),
        new("POST", "/v1/invoke-stream/{modelId}", FunctionNames.InvokeStream, FunctionKind.Streaming, LargeBodyBytes),
        new("POST", "/v1/converse", FunctionNames.Converse, FunctionKind.Buffered, LargeBodyBytes),
        new("POST", "/v1/converse-stream", FunctionNames.ConverseStream, FunctionKind.Streaming, LargeBodyBytes),
        new("POST", "/v1/structured", FunctionNames.Structured, FunctionKind.Buffered, JsonBodyBytes),
        new("POST", "/v1/async", FunctionNames.AsyncStart, FunctionKind.Buffered, JsonBodyBytes),
        new("GET", "/v1/async/{invocationArn+}", FunctionNames.AsyncStatus, FunctionKind.Buffered, NoBodyBytes),
        new("POST", "/v1/tokens", FunctionNames.Tokens, FunctionKind.Buffered, LargeBodyBytes),
        new("GET", "/v1/quota", FunctionNames.Quota, FunctionKind.Buffered, NoBodyBytes),
        new("GET", "/v1/quota/{modelId}", FunctionNames.Quota, FunctionKind.Buffered, NoBodyBytes),
        new("POST", "/v1/batch", FunctionNames.Batch, FunctionKind.Buffered, LargeBodyBytes),
        new("GET", "/v1/batch/{batchId}", FunctionNames.Batch, FunctionKind.Buffered, NoBodyBytes),
    ];

    /// <summary>Finds the route for a method and raw (still encoded) path.</summary>
    public static RouteLookup Match(string method, string rawPath)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(rawPath);
        List<string>? allowed = null;
        foreach (var route in All)
        {
            if (route.Template.Match(rawPath) is not { } parameters)
            {
                continue;
            }

            if (string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                return RouteLookup.Found(route, parameters);
            }

            (allowed ??= []).Add(route.Method);
        }

        return RouteLookup.Missing(allowed?.Distinct(StringComparer.Ordinal).ToArray() ?? []);
    }

    /// <summary>The routes a function serves.</summary>
    public static IEnumerable<FunctionRoute> For(string functionName)
        => All.Where(r => string.Equals(r.FunctionName, functionName, StringComparison.Ordinal));
}
