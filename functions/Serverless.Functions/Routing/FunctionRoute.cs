namespace Serverless.Functions.Routing;

/// <summary>Whether a function returns one whole response or streams it.</summary>
public enum FunctionKind
{
    Buffered,
    Streaming,
}

/// <summary>One route: method and path template, the function that serves it, how it answers, and its body limit.</summary>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="PathTemplate">e.g. <c>/v1/invoke/{modelId}</c>; <c>{name+}</c> (last segment only) also takes the rest of the path, slashes included.</param>
/// <param name="FunctionName">One of <see cref="FunctionNames"/>.</param>
/// <param name="MaxBodyBytes">Largest request body accepted (decoded); larger ones get 413.</param>
public sealed record FunctionRoute(string Method, string PathTemplate, string FunctionName, FunctionKind Kind, int MaxBodyBytes)
{
    private RouteTemplate? _template;

    /// <summary>API Gateway's route key: <c>METHOD /path/{param}</c>.</summary>
    public string RouteKey => $"{Method} {PathTemplate}";

    internal RouteTemplate Template => _template ??= RouteTemplate.Parse(PathTemplate);
}
