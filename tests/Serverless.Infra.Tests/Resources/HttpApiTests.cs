using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Serverless.Functions.Routing;
using Serverless.Infra.Contracts;
using Serverless.Infra.Tests.Support;

namespace Serverless.Infra.Tests.Resources;

public sealed class HttpApiTests(DefaultStack stack)
{
    private static readonly string[] BufferedRouteKeys =
        [.. FunctionRoutes.All.Where(r => r.Kind == FunctionKind.Buffered).Select(r => r.RouteKey)];

    [Fact]
    public void Every_buffered_route_of_FunctionRoutes_is_on_the_api_and_nothing_else()
    {
        var routes = stack.View.OfType("AWS::ApiGatewayV2::Route").Select(r => r.Resource["Properties"]!["RouteKey"]!.GetValue<string>()).ToList();

        Assert.Equal(BufferedRouteKeys.Order(), routes.Order());
    }

    [Fact]
    public void Every_route_requires_iam_authorization()
    {
        stack.Value.Template.AllResourcesProperties("AWS::ApiGatewayV2::Route", Match.ObjectLike(new Dictionary<string, object>
        {
            ["AuthorizationType"] = "AWS_IAM",
        }));
        Assert.Empty(stack.View.OfType("AWS::ApiGatewayV2::Authorizer"));
    }

    [Fact]
    public void Each_route_reaches_its_own_function_with_payload_format_2()
    {
        foreach (var (_, route) in stack.View.OfType("AWS::ApiGatewayV2::Route"))
        {
            var routeKey = route["Properties"]!["RouteKey"]!.GetValue<string>();
            var handler = FunctionRoutes.All.Single(r => r.RouteKey == routeKey).FunctionName;
            var integrationId = Intrinsics.Render(route["Properties"]!["Target"]).Split('/')[1].Trim('$', '{', '}');
            var integration = stack.View.Properties(integrationId);

            Assert.Equal("AWS_PROXY", integration["IntegrationType"]!.GetValue<string>());
            Assert.Equal("2.0", integration["PayloadFormatVersion"]!.GetValue<string>());
            Assert.Equal($"${{{stack.View.FunctionOf(handler)}.Arn}}", Intrinsics.Render(integration["IntegrationUri"]));
        }
    }

    [Fact]
    public void The_api_may_invoke_only_the_functions_it_routes_to()
    {
        var invoked = stack.View.OfType("AWS::Lambda::Permission")
            .Where(p => p.Resource["Properties"]!["Principal"]!.GetValue<string>() == "apigateway.amazonaws.com")
            .Select(p => Intrinsics.Render(p.Resource["Properties"]!["FunctionName"]))
            .Distinct()
            .Order()
            .ToList();

        var routed = BufferedRouteKeys
            .Select(k => FunctionRoutes.All.Single(r => r.RouteKey == k).FunctionName)
            .Distinct()
            .Select(h => $"${{{stack.View.FunctionOf(h)}.Arn}}")
            .Order()
            .ToList();
        Assert.Equal(routed, invoked);
    }

    [Fact]
    public void The_default_stage_throttles_and_writes_json_access_logs_naming_the_caller()
    {
        var stage = stack.View.OfType("AWS::ApiGatewayV2::Stage").Single().Resource["Properties"]!;

        Assert.Equal("$default", stage["StageName"]!.GetValue<string>());
        Assert.True(stage["AutoDeploy"]!.GetValue<bool>());
        Assert.Equal(100, stage["DefaultRouteSettings"]!["ThrottlingRateLimit"]!.GetValue<int>());
        Assert.Equal(200, stage["DefaultRouteSettings"]!["ThrottlingBurstLimit"]!.GetValue<int>());
        var format = JsonNode.Parse(stage["AccessLogSettings"]!["Format"]!.GetValue<string>())!;
        Assert.Equal("$context.identity.userArn", format["caller"]!.GetValue<string>());
        Assert.Equal("$context.status", format["status"]!.GetValue<string>());
        Assert.StartsWith("${HttpAccessLogs", Intrinsics.Render(stage["AccessLogSettings"]!["DestinationArn"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_jwt_authorizer_guards_every_route_when_configured()
    {
        var synthesized = Synthesizer.Synth(InfraContext.With(c => c["auth"] = JsonNode.Parse(
            """{"type": "jwt", "issuer": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc", "audiences": ["client-1", "client-2"]}""")));

        var authorizer = synthesized.View.OfType("AWS::ApiGatewayV2::Authorizer").Single();
        Assert.Equal("JWT", authorizer.Resource["Properties"]!["AuthorizerType"]!.GetValue<string>());
        Assert.Equal("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc", authorizer.Resource["Properties"]!["JwtConfiguration"]!["Issuer"]!.GetValue<string>());
        Assert.Equal(["client-1", "client-2"], authorizer.Resource["Properties"]!["JwtConfiguration"]!["Audience"]!.AsArray().Select(a => a!.GetValue<string>()));
        var routes = synthesized.View.OfType("AWS::ApiGatewayV2::Route").ToList();
        Assert.Equal(BufferedRouteKeys.Length, routes.Count);
        Assert.All(routes, r =>
        {
            Assert.Equal("JWT", r.Resource["Properties"]!["AuthorizationType"]!.GetValue<string>());
            Assert.Equal($"${{{authorizer.Id}}}", Intrinsics.Render(r.Resource["Properties"]!["AuthorizerId"]));
        });

        // Function URLs have no JWT option: they stay AWS_IAM.
        Assert.All(synthesized.View.OfType("AWS::Lambda::Url"), u => Assert.Equal("AWS_IAM", u.Resource["Properties"]!["AuthType"]!.GetValue<string>()));
    }

    [Fact]
    public void The_streaming_functions_have_iam_function_urls_in_response_stream_mode()
    {
        var urls = stack.View.OfType("AWS::Lambda::Url").ToList();

        Assert.Equal(2, urls.Count);
        Assert.Equal(
            new[] { HandlerNames.InvokeStream, HandlerNames.ConverseStream }.Select(h => $"${{{stack.View.FunctionOf(h)}.Arn}}").Order(),
            urls.Select(u => Intrinsics.Render(u.Resource["Properties"]!["TargetFunctionArn"])).Order());
        Assert.All(urls, u =>
        {
            Assert.Equal("AWS_IAM", u.Resource["Properties"]!["AuthType"]!.GetValue<string>());
            Assert.Equal("RESPONSE_STREAM", u.Resource["Properties"]!["InvokeMode"]!.GetValue<string>());
        });

        // No resource policy opens a URL to anyone: callers need the caller policy in their own identity.
        Assert.DoesNotContain(stack.View.OfType("AWS::Lambda::Permission"), p =>
            p.Resource["Properties"]!["Action"]!.GetValue<string>() == "lambda:InvokeFunctionUrl");
    }
}
