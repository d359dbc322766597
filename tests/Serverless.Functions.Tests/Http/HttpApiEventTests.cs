using System.Text;
using System.Text.Json;
using Serverless.Functions.Errors;
using Serverless.Functions.Http;
using Serverless.Functions.Requests;
using Serverless.TestSupport;

namespace Serverless.Functions.Tests.Http;

/// <summary>Every published payload 2.0 and function URL sample in ../shared/fixtures/lambda-events parses into our types.</summary>
public class HttpApiEventTests
{
    public static TheoryData<string, string> RequestSamples => new()
    {
        { "aws-lambda-dotnet", "http-api-v2-request.json" },
        { "aws-lambda-dotnet", "http-api-v2-request-iam-authorizer.json" },
        { "aws-lambda-dotnet", "http-api-v2-request-lambda-authorizer.json" },
        { "aws-lambda-dotnet", "custom-authorizer-v2-request.json" },
        { "aws-lambda-go", "apigw-v2-request-iam.json" },
        { "aws-lambda-go", "apigw-v2-request-jwt-authorizer.json" },
        { "aws-lambda-go", "apigw-v2-request-lambda-authorizer.json" },
        { "aws-lambda-go", "apigw-v2-request-no-authorizer.json" },
        { "aws-lambda-go", "lambda-urls-request.json" },
        { "powertools-lambda-python", "apiGatewayProxyV2Event.json" },
    };

    private static byte[] Sample(string folder, string file) => File.ReadAllBytes(RepoPaths.Fixture("lambda-events", folder, file));

    [Theory]
    [MemberData(nameof(RequestSamples))]
    public void EverySampleParses(string folder, string file)
    {
        var bytes = Sample(folder, file);
        var request = HttpApiEvents.ParseRequest(bytes);

        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'));
        var root = document.RootElement;
        Assert.Equal(root.GetProperty("version").GetString(), request.Version);
        Assert.Equal(root.GetProperty("rawPath").GetString(), request.RawPath);
        Assert.Equal(root.GetProperty("rawQueryString").GetString(), request.RawQueryString);
        Assert.Equal(root.GetProperty("headers").EnumerateObject().Count(), request.Headers!.Count);
        var http = root.GetProperty("requestContext").GetProperty("http");
        Assert.Equal(http.GetProperty("method").GetString(), request.RequestContext!.Http!.Method);
        Assert.Equal(http.GetProperty("path").GetString(), request.RequestContext.Http.Path);
        Assert.Equal(root.GetProperty("requestContext").GetProperty("requestId").GetString(), request.RequestContext.RequestId);
        Assert.Equal(root.TryGetProperty("body", out var body) ? body.GetString() : null, request.Body);
        Assert.Equal(root.TryGetProperty("isBase64Encoded", out var flag) && flag.GetBoolean(), request.IsBase64Encoded);
        if (root.TryGetProperty("cookies", out var cookies))
        {
            Assert.Equal(cookies.EnumerateArray().Select(c => c.GetString()), request.Cookies!);
        }
    }

    [Fact]
    public void SeveralDotnetSamplesStartWithAByteOrderMark()
    {
        // The reason ParseRequest skips a BOM: a plain Utf8JsonReader refuses it.
        var bytes = Sample("aws-lambda-dotnet", "http-api-v2-request-iam-authorizer.json");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(bytes.AsSpan(), HttpApiJsonContext.Default.HttpApiRequest));
        Assert.Equal("/my/path", HttpApiEvents.ParseRequest(bytes).RawPath);
    }

    [Fact]
    public void AuthorizersArePassedThrough()
    {
        var iam = HttpApiEvents.ParseRequest(Sample("aws-lambda-go", "apigw-v2-request-iam.json")).RequestContext!.Authorizer!.Iam!;
        Assert.Equal("arn:aws:iam::1234567890:user/Admin", iam.UserArn);
        Assert.Equal("us-east-1:3f291106-8703-466b-8f2b-3ecee1ca56ce", iam.CognitoIdentity!.IdentityId);
        Assert.Equal(["foo"], iam.CognitoIdentity.Amr!);

        var jwt = HttpApiEvents.ParseRequest(Sample("aws-lambda-go", "apigw-v2-request-jwt-authorizer.json")).RequestContext!.Authorizer!.Jwt!;
        Assert.Equal("value1", jwt.Claims!["claim1"]);
        Assert.Equal(["scope1", "scope2"], jwt.Scopes!);

        var lambda = HttpApiEvents.ParseRequest(Sample("aws-lambda-go", "apigw-v2-request-lambda-authorizer.json")).RequestContext!.Authorizer!.Lambda!;
        Assert.Equal("value", lambda["key"].GetString());

        var certificate = HttpApiEvents.ParseRequest(Sample("aws-lambda-go", "apigw-v2-request-iam.json")).RequestContext!.Authentication!.ClientCert!;
        Assert.Equal("1", certificate.SerialNumber);
        Assert.Equal("Aug  5 00:28:21 2120 GMT", certificate.Validity!.NotAfter);
    }

    [Fact]
    public void TheCallerIsTheIamPrincipalThenTheJwtSubjectThenTheAuthorizerContext()
    {
        Assert.Equal("arn:aws:iam::1234567890:user/Admin", CallerIdentity.Resolve(HttpApiEvents.ParseRequest(Sample("aws-lambda-go", "apigw-v2-request-iam.json"))));
        Assert.Equal("arn:aws:iam::111122223333:user/example-user", CallerIdentity.Resolve(HttpApiEvents.ParseRequest(Sample("aws-lambda-go", "lambda-urls-request.json"))));
        // The samples' JWT has no "sub" and their Lambda authorizer no "callerId": no identity.
        Assert.Equal(CallerIdentity.Anonymous, CallerIdentity.Resolve(HttpApiEvents.ParseRequest(Sample("aws-lambda-go", "apigw-v2-request-jwt-authorizer.json"))));
        Assert.Equal(CallerIdentity.Anonymous, CallerIdentity.Resolve(HttpApiEvents.ParseRequest(Sample("aws-lambda-go", "apigw-v2-request-no-authorizer.json"))));

        var jwt = HttpApiEvents.ParseRequest(Sample("aws-lambda-go", "apigw-v2-request-jwt-authorizer.json"));
        jwt.RequestContext!.Authorizer!.Jwt!.Claims!["sub"] = "user-42";
        Assert.Equal("user-42", CallerIdentity.Resolve(jwt));
        jwt.RequestContext.Authorizer.Iam = new HttpApiIamIdentity { UserArn = "arn:aws:iam::1:role/r" };
        Assert.Equal("arn:aws:iam::1:role/r", CallerIdentity.Resolve(jwt));

        var lambda = HttpApiEvents.ParseRequest(Sample("aws-lambda-go", "apigw-v2-request-lambda-authorizer.json"));
        lambda.RequestContext!.Authorizer!.Lambda!["callerId"] = JsonDocument.Parse("\"tenant-a\"").RootElement.Clone();
        Assert.Equal("tenant-a", CallerIdentity.Resolve(lambda));
    }

    [Fact]
    public void HeadersAreFoundWhateverTheirCase()
    {
        var request = HttpApiEvents.ParseRequest(Sample("aws-lambda-dotnet", "http-api-v2-request.json"));
        Assert.Equal("value1", request.Header("header1"));
        Assert.Equal("value2", request.Header("HEADER2"));
        Assert.Null(request.Header("header3"));
        Assert.Equal("value1,value2", request.Query("parameter1"));
    }

    [Fact]
    public void ABodyFlaggedBase64ThatIsNotBase64IsABadRequest()
    {
        // The aws-lambda-dotnet sample sends "Hello from Lambda" with isBase64Encoded=true (see ../shared/fixtures/SOURCES.md).
        var request = HttpApiEvents.ParseRequest(Sample("aws-lambda-dotnet", "http-api-v2-request.json"));
        Assert.True(request.IsBase64Encoded);
        var error = Assert.Throws<FunctionException>(() => RequestBody.Read(request, 1024)).Error;
        Assert.Equal(400, error.StatusCode);
        Assert.StartsWith("body:", error.Message);

        request.Body = Convert.ToBase64String("Hello from Lambda"u8);
        Assert.Equal("Hello from Lambda", Encoding.UTF8.GetString(RequestBody.Read(request, 1024).Span));
    }

    [Fact]
    public void TextBodiesAreReadAsUtf8AndBothFormsAreCheckedAgainstTheLimit()
    {
        var request = HttpApiEvents.ParseRequest(Sample("aws-lambda-go", "lambda-urls-request.json"));
        Assert.Equal("Hello from client!", Encoding.UTF8.GetString(RequestBody.Read(request, 100).Span));
        Assert.Equal(413, Assert.Throws<FunctionException>(() => RequestBody.Read(request, 10)).Error.StatusCode);
        request.Body = Convert.ToBase64String(new byte[30]);
        request.IsBase64Encoded = true;
        Assert.Equal(30, RequestBody.Read(request, 30).Length);
        Assert.Equal(413, Assert.Throws<FunctionException>(() => RequestBody.Read(request, 29)).Error.StatusCode);
    }

    [Fact]
    public void TheFunctionUrlResponseSampleRoundTrips()
    {
        var response = HttpApiEvents.ParseResponse(Sample("aws-lambda-go", "lambda-urls-response.json"));
        Assert.Equal(201, response.StatusCode);
        Assert.Equal("application/json", response.Headers!["Content-Type"]);
        Assert.Equal(2, response.Cookies!.Count);
        Assert.Equal("{ \"message\": \"Hello, world!\" }", Encoding.UTF8.GetString(response.BodyBytes()));

        var again = HttpApiEvents.ParseResponse(HttpApiEvents.Serialize(response));
        Assert.Equal(response.Body, again.Body);
        Assert.Equal(response.Cookies, again.Cookies);
    }

    [Fact]
    public void BinaryResponseBodiesAreBase64AndTextOnesAreNot()
    {
        var text = HttpApiResponse.Bytes(200, "{\"a\":1}"u8, "application/json");
        Assert.False(text.IsBase64Encoded);
        Assert.Equal("{\"a\":1}", text.Body);

        var binary = HttpApiResponse.Bytes(200, new byte[] { 0, 1, 2, 255 }, "application/octet-stream");
        Assert.True(binary.IsBase64Encoded);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, binary.BodyBytes());

        // JSON that is not valid UTF-8 cannot travel as a string either.
        Assert.True(HttpApiResponse.Bytes(200, new byte[] { 0xC3, 0x28 }, "application/json").IsBase64Encoded);
    }
}
