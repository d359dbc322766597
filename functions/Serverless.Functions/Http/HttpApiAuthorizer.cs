using System.Text.Json;

namespace Serverless.Functions.Http;

/// <summary>
/// <c>requestContext.authorizer</c>: exactly one member is set, by the kind of authorizer the route uses (IAM, a JWT
/// authorizer, or a Lambda authorizer's context).
/// </summary>
public sealed class HttpApiAuthorizer
{
    public HttpApiIamIdentity? Iam { get; set; }

    public HttpApiJwtDescription? Jwt { get; set; }

    /// <summary>The context a Lambda authorizer returned: any JSON values.</summary>
    public Dictionary<string, JsonElement>? Lambda { get; set; }
}

/// <summary>The SigV4-signed caller of an IAM-authorized route (or function URL with AWS_IAM auth).</summary>
public sealed class HttpApiIamIdentity
{
    public string? AccessKey { get; set; }

    public string? AccountId { get; set; }

    public string? CallerId { get; set; }

    public HttpApiCognitoIdentity? CognitoIdentity { get; set; }

    public string? PrincipalOrgId { get; set; }

    public string? UserArn { get; set; }

    public string? UserId { get; set; }
}

public sealed class HttpApiCognitoIdentity
{
    public List<string>? Amr { get; set; }

    public string? IdentityId { get; set; }

    public string? IdentityPoolId { get; set; }
}

/// <summary>A JWT authorizer's verified token: its claims (as strings, the way API Gateway passes them) and scopes.</summary>
public sealed class HttpApiJwtDescription
{
    public Dictionary<string, string>? Claims { get; set; }

    public List<string>? Scopes { get; set; }
}
