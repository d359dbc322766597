namespace Serverless.Bedrock.Http;

/// <summary>Where a request member travels (Smithy httpLabel, httpHeader, httpQuery).</summary>
internal enum BindingLocation
{
    Path,
    Header,
    Query,
}

/// <summary>One member bound outside the JSON body: the member's model name and its wire name.</summary>
internal sealed record HttpBinding(string Member, BindingLocation Location, string WireName);

/// <summary>Which endpoint an operation goes to.</summary>
internal enum BedrockService
{
    /// <summary>bedrock-runtime.{region}.amazonaws.com</summary>
    Runtime,

    /// <summary>bedrock.{region}.amazonaws.com (control plane)</summary>
    ControlPlane,
}

/// <summary>
/// The HTTP shape of one operation as the service model defines it. Tests compare every descriptor with the
/// botocore and Smithy models, and the request builder follows the descriptor, so the two cannot drift.
/// </summary>
internal sealed record OperationDescriptor(
    string Name,
    BedrockService Service,
    string Method,
    string UriTemplate,
    IReadOnlyList<HttpBinding> RequestBindings,
    IReadOnlyList<HttpBinding> ResponseHeaders,
    bool HasJsonBody);
