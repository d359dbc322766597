namespace Serverless.Infra.Configuration;

public enum ApiAuthKind
{
    /// <summary>Callers sign requests with SigV4 (the default).</summary>
    Iam,

    /// <summary>Callers send a bearer JWT from the configured issuer; the Function URLs stay AWS_IAM (they have no JWT option).</summary>
    Jwt,
}

/// <summary>How the HTTP API authorizes its routes.</summary>
/// <param name="Issuer">JWT issuer URL (the authorizer fetches its keys from {issuer}/.well-known/openid-configuration).</param>
/// <param name="Audiences">Accepted <c>aud</c> (or <c>client_id</c>) values; at least one.</param>
public sealed record ApiAuthSettings(ApiAuthKind Kind, string? Issuer = null, IReadOnlyList<string>? Audiences = null)
{
    public static ApiAuthSettings Iam { get; } = new(ApiAuthKind.Iam);
}
