using Serverless.Functions.Routing;
using Serverless.Infra.Configuration;

namespace Serverless.Infra.Contracts;

/// <summary>
/// Every function the stack deploys, in a stable order: the HTTP functions of FunctionRoutes (the one route table the
/// local host serves too), the extra routes of cdk.json for functions FunctionRoutes does not route yet, then the
/// batch steps.
/// </summary>
public static class HandlerCatalog
{
    public static IReadOnlyList<string> BatchSteps { get; } =
    [
        HandlerNames.BatchPrepare, HandlerNames.BatchAdmit, HandlerNames.BatchFanOut,
        HandlerNames.BatchRelease, HandlerNames.BatchRetry, HandlerNames.BatchSummarize,
    ];

    public static IReadOnlyList<HandlerSpec> For(InfraSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var order = new List<string>();
        var kinds = new Dictionary<string, HandlerKind>(StringComparer.Ordinal);
        var routes = new Dictionary<string, List<ApiRoute>>(StringComparer.Ordinal);
        var routeKeys = new HashSet<string>(StringComparer.Ordinal);

        void Add(string function, HandlerKind kind, ApiRoute route)
        {
            if (!kinds.TryGetValue(function, out var known))
            {
                order.Add(function);
                kinds[function] = kind;
                routes[function] = [];
            }
            else if (known != kind)
            {
                throw new InfraSettingsException($"Function '{function}' has both streaming and buffered routes; a function is reached one way.");
            }

            if (routeKeys.Add(route.RouteKey))
            {
                routes[function].Add(route);
            }
        }

        foreach (var route in FunctionRoutes.All)
        {
            var kind = route.Kind == FunctionKind.Streaming ? HandlerKind.Streaming : HandlerKind.Http;
            Add(route.FunctionName, kind, new ApiRoute(route.Method, route.PathTemplate));
        }

        foreach (var extra in settings.ExtraRoutes)
        {
            var route = new ApiRoute(extra.Method, extra.Path);
            if (!routeKeys.Contains(route.RouteKey))
            {
                Add(extra.FunctionName, HandlerKind.Http, route);
            }
        }

        foreach (var step in BatchSteps)
        {
            if (kinds.ContainsKey(step))
            {
                throw new InfraSettingsException($"'{step}' is a batch step; no HTTP route may name it.");
            }

            order.Add(step);
            kinds[step] = HandlerKind.BatchStep;
            routes[step] = [];
        }

        return order.Select(name => new HandlerSpec(name, kinds[name], routes[name])).ToList();
    }
}
