namespace Serverless.Lambda.RuntimeSupport;

/// <summary>The Runtime API's address as AWS_LAMBDA_RUNTIME_API gives it: "host:port", no scheme, no path.</summary>
public sealed record RuntimeApiEndpoint
{
    private RuntimeApiEndpoint(string host, int port)
    {
        Host = host;
        Port = port;
    }

    public string Host { get; }

    public int Port { get; }

    /// <summary>"host:port", as sent in the Host header.</summary>
    public string Authority => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    public Uri BaseAddress => new($"http://{Authority}/{RuntimeApiHeaders.ApiVersion}/");

    public static RuntimeApiEndpoint Parse(string? value, string parameterName = "endpoint")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The Runtime API endpoint is empty; {LambdaEnvironment.RuntimeApi} must be host:port.", parameterName);
        }

        if (value.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate("http://" + value, UriKind.Absolute, out var uri)
            || uri.PathAndQuery != "/" || uri.IsDefaultPort && !value.EndsWith(":80", StringComparison.Ordinal) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new ArgumentException($"The Runtime API endpoint '{value}' is not host:port (as {LambdaEnvironment.RuntimeApi} gives it, e.g. 127.0.0.1:9001).", parameterName);
        }

        return new RuntimeApiEndpoint(uri.Host.Trim('[', ']'), uri.Port);
    }

    public override string ToString() => Authority;
}
