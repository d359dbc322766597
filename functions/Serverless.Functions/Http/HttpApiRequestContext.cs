namespace Serverless.Functions.Http;

/// <summary>The <c>requestContext</c> of a payload 2.0 request: who called, through which API, and the HTTP facts.</summary>
public sealed class HttpApiRequestContext
{
    public string? AccountId { get; set; }

    public string? ApiId { get; set; }

    public string? DomainName { get; set; }

    public string? DomainPrefix { get; set; }

    /// <summary>API Gateway's request id (also in the <c>apigw-requestid</c> response header).</summary>
    public string? RequestId { get; set; }

    public string? RouteKey { get; set; }

    public string? Stage { get; set; }

    /// <summary>CLF-formatted request time, e.g. <c>12/Mar/2020:19:03:58 +0000</c>.</summary>
    public string? Time { get; set; }

    /// <summary>Request time in epoch milliseconds.</summary>
    public long TimeEpoch { get; set; }

    public HttpApiHttpDescription? Http { get; set; }

    public HttpApiAuthorizer? Authorizer { get; set; }

    public HttpApiAuthentication? Authentication { get; set; }
}

/// <summary><c>requestContext.http</c>.</summary>
public sealed class HttpApiHttpDescription
{
    public string Method { get; set; } = "";

    public string Path { get; set; } = "";

    public string? Protocol { get; set; }

    public string? SourceIp { get; set; }

    public string? UserAgent { get; set; }
}

/// <summary><c>requestContext.authentication</c>: the mutual-TLS client certificate, when the API requires one.</summary>
public sealed class HttpApiAuthentication
{
    public HttpApiClientCertificate? ClientCert { get; set; }
}

public sealed class HttpApiClientCertificate
{
    public string? ClientCertPem { get; set; }

    public string? SubjectDN { get; set; }

    public string? IssuerDN { get; set; }

    public string? SerialNumber { get; set; }

    public HttpApiCertificateValidity? Validity { get; set; }
}

public sealed class HttpApiCertificateValidity
{
    public string? NotBefore { get; set; }

    public string? NotAfter { get; set; }
}
