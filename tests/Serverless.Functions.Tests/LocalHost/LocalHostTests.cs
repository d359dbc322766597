using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Serverless.Functions.Http;
using Serverless.Functions.Routing;
using Serverless.Functions.Tests.Support;
using Serverless.LocalHost;
using static Serverless.Functions.Tests.Support.TestEnvironment;

namespace Serverless.Functions.Tests.LocalHost;

/// <summary>The local host builds the event API Gateway would, and answers routing and size errors in the functions' shape.</summary>
public class LocalHostTests
{
    private static DefaultHttpContext Context(string method, string rawTarget, string? contentType, byte[] body)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        http.Request.Path = Uri.UnescapeDataString(query < 0 ? rawTarget : rawTarget[..query]);
        http.Request.QueryString = new QueryString(query < 0 ? "" : rawTarget[query..]);
        http.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
        http.Request.Host = new HostString("127.0.0.1", 4000);
        http.Request.Protocol = "HTTP/1.1";
        http.Request.ContentType = contentType;
        http.Request.Body = new MemoryStream(body);
        return http;
    }

    [Fact]
    public void ARequestBecomesThePayloadApiGatewayWouldSend()
    {
        var http = Context("POST", "/v1/invoke/anthropic.claude-3-haiku-20240307-v1%3A0?format=ndjson&x=1&x=2", "application/json", "{\"a\":1}"u8.ToArray());
        http.Request.Headers["X-Custom"] = new Microsoft.Extensions.Primitives.StringValues(["one", "two"]);
        http.Request.Headers.Cookie = "session=abc; theme=dark";
        http.Request.Headers["x-caller-id"] = "tenant-7";
        var lookup = FunctionRoutes.Match("POST", "/v1/invoke/anthropic.claude-3-haiku-20240307-v1%3A0");

        var request = new HttpApiRequestFactory(new LocalHostOptions()).Create(http, lookup, "{\"a\":1}"u8.ToArray());

        Assert.Equal("2.0", request.Version);
        Assert.Equal("POST /v1/invoke/{modelId}", request.RouteKey);
        Assert.Equal("/v1/invoke/anthropic.claude-3-haiku-20240307-v1%3A0", request.RawPath);
        Assert.Equal("format=ndjson&x=1&x=2", request.RawQueryString);
        Assert.Equal("1,2", request.QueryStringParameters!["x"]);
        Assert.Equal("anthropic.claude-3-haiku-20240307-v1:0", request.PathParameters!["modelId"]);
        Assert.Equal("one,two", request.Headers!["x-custom"]);
        Assert.DoesNotContain("cookie", request.Headers.Keys);
        Assert.Equal(["session=abc", "theme=dark"], request.Cookies!);
        Assert.Equal("{\"a\":1}", request.Body);
        Assert.False(request.IsBase64Encoded);
        Assert.Equal("/v1/invoke/anthropic.claude-3-haiku-20240307-v1:0", request.RequestContext!.Http!.Path);
        Assert.Equal("POST", request.RequestContext.Http.Method);
        Assert.StartsWith("local-", request.RequestContext.RequestId);
        Assert.Equal("tenant-7", Serverless.Functions.Requests.CallerIdentity.Resolve(request));

        // The event survives the JSON a Lambda would receive.
        var again = HttpApiEvents.ParseRequest(HttpApiEvents.Serialize(request));
        Assert.Equal(request.RawPath, again.RawPath);
        Assert.Equal("tenant-7", Serverless.Functions.Requests.CallerIdentity.Resolve(again));
    }

    [Fact]
    public void BinaryBodiesAreBase64AndAMissingCallerIsTheDefault()
    {
        var body = new byte[] { 0, 159, 146, 150 };
        var http = Context("POST", "/v1/invoke/m", "application/octet-stream", body);
        var request = new HttpApiRequestFactory(new LocalHostOptions { DefaultCaller = "dev" }).Create(http, FunctionRoutes.Match("POST", "/v1/invoke/m"), body);
        Assert.True(request.IsBase64Encoded);
        Assert.Equal(body, Convert.FromBase64String(request.Body!));
        Assert.Equal("dev", Serverless.Functions.Requests.CallerIdentity.Resolve(request));
    }

    [Fact]
    public async Task AResponseIsWrittenWithItsStatusHeadersCookiesAndBody()
    {
        var http = new DefaultHttpContext();
        http.Response.Body = new MemoryStream();
        var response = HttpApiResponse.Bytes(201, new byte[] { 1, 2, 3 }, "application/octet-stream").WithHeader("x-one", "1");
        response.Cookies = ["a=1", "b=2; Max-Age=60"];

        await HttpApiResponseWriter.WriteAsync(http.Response, response, TestContext.Current.CancellationToken);

        Assert.Equal(201, http.Response.StatusCode);
        Assert.Equal("1", http.Response.Headers["x-one"]);
        Assert.Equal(["a=1", "b=2; Max-Age=60"], http.Response.Headers.SetCookie.Select(c => c!).ToArray());
        Assert.Equal(new byte[] { 1, 2, 3 }, ((MemoryStream)http.Response.Body).ToArray());
    }

    [Fact]
    public async Task UnknownRoutesAndMethodsAnswerInTheErrorShape()
    {
        await using var env = await StartAsync();
        using var unknown = await env.GetAsync("/v1/nothing-here");
        Assert.Equal("UnknownRoute", (await ErrorResponse.ReadAsync(unknown)).Code);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        using var wrongMethod = await env.GetAsync("/v1/converse");
        Assert.Equal("MethodNotAllowed", (await ErrorResponse.ReadAsync(wrongMethod)).Code);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal(["POST"], wrongMethod.Content.Headers.Allow);
    }

    [Fact]
    public async Task ABodyOverTheRouteLimitIsRefusedBeforeItIsRead()
    {
        await using var env = await StartAsync(configure: c => c.MaxRequestBodyBytes = 64 * 1024);
        var big = ConverseBody(Nova, new string('x', 100 * 1024));
        using var declared = await env.PostAsync("/v1/converse", big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await ErrorResponse.ExpectAsync(declared, HttpStatusCode.RequestEntityTooLarge, "body")).Status);

        // Chunked, so no Content-Length tells the size up front.
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/converse") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var chunked = await env.Http.SendAsync(request, TestContext.Current.CancellationToken);
        await ErrorResponse.ExpectAsync(chunked, HttpStatusCode.RequestEntityTooLarge, "body");

        // GET routes take no body at all.
        using var getWithBody = await env.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/quota") { Content = new StringContent("x") }, TestContext.Current.CancellationToken);
        await ErrorResponse.ExpectAsync(getWithBody, HttpStatusCode.RequestEntityTooLarge, "body");
        Assert.Empty(env.Bedrock.Stats().Responses);
    }

    [Fact]
    public async Task EveryCurlExampleRouteAnswersThroughTheHost()
    {
        await using var env = await StartAsync();
        foreach (var route in FunctionRoutes.All)
        {
            var path = route.PathTemplate.Replace("{modelId}", Nova, StringComparison.Ordinal)
                .Replace("{invocationArn+}", Uri.EscapeDataString("arn:aws:bedrock:us-east-1:123456789012:async-invoke/abcdefghijkl"), StringComparison.Ordinal);
            using var response = route.Method == "GET" ? await env.GetAsync(path) : await env.PostAsync(path, "{}");
            // Every route is reached: whatever the status, it is the functions' own JSON answer, never an empty 404.
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.False(text.Contains("UnknownRoute", StringComparison.Ordinal), route.RouteKey + ": " + text);
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        }
    }
}
