using Serverless.Functions.Errors;
using Serverless.Functions.Http;
using Serverless.Functions.Routing;

namespace Serverless.Functions.Requests;

/// <summary>
/// Path parameters: API Gateway passes them in <c>pathParameters</c>; a function URL has no routing, so they are
/// then matched from <c>rawPath</c> against the function's routes.
/// </summary>
internal static class RouteValues
{
    public static string? Optional(HttpApiRequest request, string functionName, string name)
    {
        if (request.PathParameters is { } given && given.TryGetValue(name, out var value) && value.Length > 0)
        {
            return value;
        }

        var method = request.RequestContext?.Http?.Method ?? "";
        foreach (var route in FunctionRoutes.For(functionName))
        {
            if (route.Method.Equals(method, StringComparison.OrdinalIgnoreCase) || method.Length == 0)
            {
                if (route.Template.Match(request.RawPath) is { } matched && matched.TryGetValue(name, out var found))
                {
                    return found;
                }
            }
        }

        return null;
    }

    public static string Required(HttpApiRequest request, string functionName, string name)
        => Optional(request, functionName, name) ?? throw FunctionException.BadRequest(name, "is required in the path");
}
