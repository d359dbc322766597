using System.Net.Http.Headers;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Serverless.LocalBedrock.Configuration;

namespace Serverless.LocalBedrock.Tests;

public sealed class SigV4Tests
{
    private const string AccessKey = "AKIDLOCALTEST";
    private const string Secret = "local/secret/key+for+tests";

    private static HttpRequestMessage Signed(Uri baseAddress, string modelId, string body, string secret = Secret, string service = "bedrock")
    {
        var uri = new Uri(baseAddress, TestServer.Path(modelId, "converse"));
        var bytes = Encoding.UTF8.GetBytes(body);
        var signing = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = uri, Content = bytes };
        signing.Headers["Content-Type"] = "application/json";
        var signed = AWSSigV4Signer.Sign(signing, new AWSSigV4Parameters
        {
            Credentials = new BasicAWSCredentials(AccessKey, secret),
            Region = RegionEndpoint.EUWest1,
            Service = service,
        });
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in signed.Headers)
        {
            if (!name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) && !name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    private static Task<Hosting.LocalBedrockServer> StartAsync()
        => TestServer.StartAsync(s => s.Auth = new AuthSettings { AccessKeyId = AccessKey, SecretAccessKey = Secret });

    [Fact]
    public async Task A_request_signed_by_the_aws_sdk_signer_is_accepted_with_a_percent_encoded_model_id()
    {
        await using var server = await StartAsync();
        using var client = server.Client();
        using var request = Signed(server.BaseAddress, TestServer.Haiku3, TestServer.ConverseBody("signed"));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        await response.OkJsonAsync();
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_with_the_expected_canonical_request()
    {
        await using var server = await StartAsync();
        using var client = server.Client();
        using var request = Signed(server.BaseAddress, TestServer.Haiku3, TestServer.ConverseBody("signed"), secret: "wrong");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("InvalidSignatureException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        var message = (await response.JsonAsync()).GetProperty("message").GetString()!;
        Assert.Contains("The request signature we calculated does not match the signature you provided.", message);
        Assert.Contains("POST\n/model/anthropic.claude-3-haiku-20240307-v1%253A0/converse\n", message);
    }

    [Fact]
    public async Task A_tampered_body_breaks_the_signature()
    {
        await using var server = await StartAsync();
        using var client = server.Client();
        using var request = Signed(server.BaseAddress, TestServer.Haiku3, TestServer.ConverseBody("signed"));
        request.Content = new StringContent(TestServer.ConverseBody("tampered"), Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("InvalidSignatureException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task Missing_authorization_and_wrong_service_are_refused()
    {
        await using var server = await StartAsync();
        using var client = server.Client();
        using var missing = await client.PostAsync(TestServer.Haiku3, "converse", TestServer.ConverseBody("unsigned"));
        Assert.Equal(403, (int)missing.StatusCode);
        Assert.Equal("MissingAuthenticationTokenException", missing.Headers.GetValues("x-amzn-ErrorType").Single());

        using var request = Signed(server.BaseAddress, TestServer.Haiku3, TestServer.ConverseBody("signed"), service: "s3");
        using var wrongService = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(403, (int)wrongService.StatusCode);
        Assert.Contains("bedrock", (await wrongService.JsonAsync()).GetProperty("message").GetString());
    }
}
