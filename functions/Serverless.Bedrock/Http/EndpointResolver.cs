namespace Serverless.Bedrock.Http;

/// <summary>Resolves the region and the base URL of each Bedrock endpoint from the options.</summary>
internal sealed class EndpointResolver(BedrockClientOptions options)
{
    private readonly Lazy<string> _region = new(() => ResolveRegion(options));

    public string Region => _region.Value;

    public Uri BaseUri(BedrockService service)
    {
        if (options.ServiceUrl is { } overrideUrl)
        {
            return overrideUrl;
        }

        var host = service == BedrockService.Runtime ? "bedrock-runtime" : "bedrock";
        return new Uri($"https://{host}.{Region}.amazonaws.com");
    }

    private static string ResolveRegion(BedrockClientOptions options)
    {
        var region = options.Region;
        if (string.IsNullOrWhiteSpace(region))
        {
            region = options.EnvironmentVariables("AWS_REGION");
        }

        if (string.IsNullOrWhiteSpace(region))
        {
            region = options.EnvironmentVariables("AWS_DEFAULT_REGION");
        }

        if (string.IsNullOrWhiteSpace(region))
        {
            throw new InvalidOperationException(
                "Region: no region configured; set BedrockClientOptions.Region or the AWS_REGION environment variable.");
        }

        region = region.Trim();
        // The region becomes part of a host name; refuse anything that could change the host.
        if (!region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new InvalidOperationException($"Region: '{region}' is not a region name like us-east-1.");
        }

        return region;
    }
}
