namespace Serverless.Infra.Contracts;

/// <summary>One Lambda function of the stack: the handler it runs, how it is reached, and its HTTP routes.</summary>
public sealed record HandlerSpec(string Name, HandlerKind Kind, IReadOnlyList<ApiRoute> Routes);

/// <param name="Method">Upper-case HTTP method.</param>
/// <param name="Path">API Gateway path template, e.g. <c>/v1/invoke/{modelId}</c> or <c>/v1/async/{invocationArn+}</c>.</param>
public sealed record ApiRoute(string Method, string Path)
{
    public string RouteKey => $"{Method} {Path}";
}
