using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Signing;

namespace Serverless.Bedrock.Http;

/// <summary>
/// Signs requests with SigV4 through AWSSDK.Core's <see cref="AWSSigV4Signer"/>. Both Bedrock endpoints sign as
/// service <c>bedrock</c>; the functions' Step Functions client reuses this signer as service <c>states</c>. The
/// signer canonicalizes the already-encoded wire path once more (%3A becomes %253A in the canonical URI), which is
/// the non-S3 rule the service and the other SDKs apply; tests pin this down.
/// The payload is always hashed and sent as x-amz-content-sha256 (a signed header) so the receiver can verify the
/// body without re-reading it.
/// </summary>
internal sealed class RequestSigner(AWSCredentials? credentials, TimeProvider time, Func<string> region, string signingName)
{
    public const string SigningName = "bedrock";

    private readonly Lazy<Task<AWSCredentials>> _credentials = new(() => credentials is { } injected
        ? Task.FromResult(injected)
        : DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null));

    public RequestSigner(BedrockClientOptions options, EndpointResolver endpoints)
        : this(options.Credentials, options.TimeProvider, () => endpoints.Region, SigningName)
    {
    }

    public async Task SignAsync(HttpRequestMessage request, byte[]? body, CancellationToken cancellationToken)
    {
        var resolved = await _credentials.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        var signingRequest = new AWSSigningRequest
        {
            HttpMethod = request.Method,
            RequestUri = request.RequestUri!,
            Content = body ?? [],
        };

        foreach (var header in request.Headers)
        {
            signingRequest.Headers[header.Key] = string.Join(",", header.Value.Select(v => v.Trim()));
        }

        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers)
            {
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    signingRequest.Headers[header.Key] = string.Join(",", header.Value.Select(v => v.Trim()));
                }
            }
        }

        var parameters = new AWSSigV4Parameters
        {
            Credentials = resolved,
            Region = RegionEndpoint.GetBySystemName(region()),
            Service = signingName,
            SignPayload = true,
            SignedAt = time.GetUtcNow().UtcDateTime,
        };

        var result = await AWSSigV4Signer.SignAsync(signingRequest, parameters, cancellationToken).ConfigureAwait(false);
        foreach (var header in result.Headers)
        {
            request.Headers.Remove(header.Key);
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }
}
