using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Serverless.Bedrock.Tests.Support;

namespace Serverless.Bedrock.Tests.Signing;

/// <summary>
/// Runs AWSSDK.Core's AWSSigV4Signer (what the client signs with) over the botocore and aws-c-auth SigV4 suites.
/// The signer always signs x-amz-content-sha256, which the suites (except the sign_body cases) leave out, so the
/// expected canonical request is the suite's plus that one header; its signature is then recomputed by
/// <see cref="ReferenceSigV4"/>, which <see cref="ReferenceMatchesSuite"/> pins to the suite's own outputs.
/// </summary>
public sealed class SigV4SuiteTests
{
    /// <summary>
    /// Cases the signer's API cannot express, each with the reason. Everything else must match exactly.
    /// </summary>
    private static readonly Dictionary<string, string> Inexpressible = new()
    {
        // System.Uri percent-encodes these paths on the wire (space -> %20, UTF-8 -> %E1%88%B4). The suites encode the
        // raw path once; a non-S3 signer encodes the wire path once more (%20 -> %2520), the very rule Bedrock relies on
        // for model ids (%3A -> %253A, tested in ClientSigningTests), so the two cannot agree on such paths.
        ["botocore/get-utf8"] = "raw UTF-8 path",
        ["botocore/normalize-path/get-space"] = "raw space in path",
        ["aws-c-auth/get-utf8"] = "raw UTF-8 path",
        ["aws-c-auth/get-space-normalized"] = "raw space in path",
        ["aws-c-auth/get-space-unnormalized"] = "raw space in path",
        // normalize:false asks to sign dot segments and empty segments as sent; System.Uri removes dot segments before
        // the signer sees the path, so the unnormalized form cannot be handed to it.
        ["aws-c-auth/get-relative-unnormalized"] = "unnormalized path",
        ["aws-c-auth/get-relative-relative-unnormalized"] = "unnormalized path",
        ["aws-c-auth/get-slash-dot-slash-unnormalized"] = "unnormalized path",
        ["aws-c-auth/get-slash-pointless-dot-unnormalized"] = "unnormalized path",
        // The token is sent but deliberately left out of the signature; AWSSigV4Signer always signs a session token.
        ["botocore/post-sts-token/post-sts-header-after"] = "unsigned session token",
        ["aws-c-auth/post-sts-header-after"] = "unsigned session token",
    };

    /// <summary>
    /// Cases the signer can be given but signs differently from the suite. Neither touches a Bedrock request (our
    /// paths have no empty segments, our query keys are ASCII); <see cref="KnownDeviationsStillDeviate"/> fails
    /// when a newer AWSSDK.Core fixes one, so the list cannot go stale.
    /// </summary>
    private static readonly Dictionary<string, string> KnownSignerDeviations = new()
    {
        // normalize:true wants '//' collapsed to '/'; the signer keeps empty path segments.
        ["botocore/normalize-path/get-slash"] = "empty path segments kept",
        ["botocore/normalize-path/get-slashes"] = "empty path segments kept",
        ["aws-c-auth/get-slash-normalized"] = "empty path segments kept",
        ["aws-c-auth/get-slashes-normalized"] = "empty path segments kept",
        // Query keys must sort by their encoded bytes (%E1%88%B4 < Param); the signer sorts the decoded keys.
        ["botocore/get-vanilla-query-order-encoded"] = "query sorted by decoded keys",
        ["aws-c-auth/get-vanilla-query-order-encoded"] = "query sorted by decoded keys",
    };

    private static IEnumerable<string> CaseNames() => SigV4TestCase.Botocore().Concat(SigV4TestCase.AwsCAuth()).Select(c => c.Name);

    public static TheoryData<string> AllCases() => [.. CaseNames()];

    // A theory data filter: the inexpressible cases above are excluded here, by name, with their reasons.
    public static TheoryData<string> ExpressibleCases() =>
        [.. CaseNames().Where(name => !Inexpressible.ContainsKey(name) && !KnownSignerDeviations.ContainsKey(name))];

    public static TheoryData<string> DeviatingCases() => [.. KnownSignerDeviations.Keys];

    [Fact]
    public void Suites_are_present_and_every_exclusion_names_a_real_case()
    {
        var names = CaseNames().ToHashSet();
        Assert.True(names.Count >= 60, $"expected the two SigV4 suites (~65 cases), found {names.Count}");
        Assert.All(Inexpressible.Keys.Concat(KnownSignerDeviations.Keys), name => Assert.Contains(name, names));
    }

    [Theory]
    [MemberData(nameof(DeviatingCases))]
    public void KnownDeviationsStillDeviate(string name) =>
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => SignerMatchesSuite(name));

    [Theory]
    [MemberData(nameof(AllCases))]
    public void ReferenceMatchesSuite(string name)
    {
        var testCase = Find(name);
        var stringToSign = ReferenceSigV4.StringToSign(testCase.ExpectedCanonicalRequest, SigV4TestCase.SignedAt, "us-east-1", "service");
        Assert.Equal(testCase.ExpectedStringToSign, stringToSign);
        var signature = ReferenceSigV4.Signature(stringToSign, SigV4TestCase.SignedAt, "us-east-1", "service");
        Assert.EndsWith("Signature=" + signature, testCase.ExpectedAuthorization.Trim());
    }

    [Theory]
    [MemberData(nameof(ExpressibleCases))]
    public void SignerMatchesSuite(string name)
    {
        var testCase = Find(name);
        var request = new AWSSigningRequest
        {
            HttpMethod = new HttpMethod(testCase.Method),
            RequestUri = new Uri("https://" + testCase.Host + testCase.RawPath),
            Content = testCase.Body,
        };

        foreach (var group in testCase.Headers
                     .Where(h => !IsSetBySigner(h.Key))
                     .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            // The documented way to pass repeated and folded headers: one comma-joined, trimmed value.
            request.Headers[group.Key] = string.Join(",", group.Select(h => Fold(h.Value)));
        }

        AWSCredentials credentials = testCase.SessionToken is { } token
            ? new SessionAWSCredentials(ReferenceSigV4.AccessKey, ReferenceSigV4.SecretKey, token)
            : new BasicAWSCredentials(ReferenceSigV4.AccessKey, ReferenceSigV4.SecretKey);
        var result = AWSSigV4Signer.Sign(request, new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.USEast1,
            Service = "service",
            SignedAt = SigV4TestCase.SignedAt,
        });

        var expectedCanonical = WithContentSha256(testCase.ExpectedCanonicalRequest, ReferenceSigV4.Sha256Hex(testCase.Body));
        var stringToSign = ReferenceSigV4.StringToSign(expectedCanonical, SigV4TestCase.SignedAt, "us-east-1", "service");
        var signature = ReferenceSigV4.Signature(stringToSign, SigV4TestCase.SignedAt, "us-east-1", "service");
        var signedHeaders = expectedCanonical.Split('\n')[^2];
        Assert.Equal(
            $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders={signedHeaders}, Signature={signature}",
            result.Headers["Authorization"]);
        Assert.Equal("20150830T123600Z", result.Headers["X-Amz-Date"]);
    }

    private static bool IsSetBySigner(string header) =>
        header.Equals("Host", StringComparison.OrdinalIgnoreCase)
        || header.Equals("X-Amz-Date", StringComparison.OrdinalIgnoreCase)
        || header.Equals("X-Amz-Security-Token", StringComparison.OrdinalIgnoreCase);

    private static string Fold(string value) => string.Join(" ", value.Split('\n').Select(line => line.Trim()));

    /// <summary>Adds the x-amz-content-sha256 header line (sorted) and signed-header name unless the suite already signs it.</summary>
    internal static string WithContentSha256(string canonicalRequest, string payloadHash)
    {
        if (canonicalRequest.Contains("\nx-amz-content-sha256:", StringComparison.Ordinal))
        {
            return canonicalRequest;
        }

        var lines = canonicalRequest.Split('\n').ToList();
        var blank = lines.IndexOf("", 3);
        var headerLines = lines.GetRange(3, blank - 3);
        headerLines.Add("x-amz-content-sha256:" + payloadHash);
        headerLines.Sort((a, b) => string.CompareOrdinal(a[..a.IndexOf(':')], b[..b.IndexOf(':')]));
        var signedNames = lines[blank + 1].Split(';').Append("x-amz-content-sha256").Order(StringComparer.Ordinal);
        return string.Join("\n", lines.Take(3).Concat(headerLines).Append("").Append(string.Join(";", signedNames)).Concat(lines.Skip(blank + 2)));
    }

    private static SigV4TestCase Find(string name) =>
        SigV4TestCase.Botocore().Concat(SigV4TestCase.AwsCAuth()).Single(c => c.Name == name);
}
