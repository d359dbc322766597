using Serverless.Functions.Routing;

namespace Serverless.Functions.Tests.Routing;

public class FunctionRoutesTests
{
    [Theory]
    [InlineData("POST", "/v1/invoke/anthropic.claude-3-haiku-20240307-v1:0", "invoke", "anthropic.claude-3-haiku-20240307-v1:0")]
    [InlineData("POST", "/v1/invoke/anthropic.claude-3-haiku-20240307-v1%3A0", "invoke", "anthropic.claude-3-haiku-20240307-v1:0")]
    [InlineData("POST", "/v1/invoke-stream/us.amazon.nova-lite-v1:0", "invoke-stream", "us.amazon.nova-lite-v1:0")]
    [InlineData("GET", "/v1/quota/meta.llama3-8b-instruct-v1:0", "quota", "meta.llama3-8b-instruct-v1:0")]
    public void ModelIdsWithColonsAndDotsMatch(string method, string path, string function, string modelId)
    {
        var lookup = FunctionRoutes.Match(method, path);
        Assert.Equal(function, lookup.Route!.FunctionName);
        Assert.Equal(modelId, lookup.PathParameters["modelId"]);
    }

    [Theory]
    [InlineData("/v1/async/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aasync-invoke%2Fabc123")]
    [InlineData("/v1/async/arn:aws:bedrock:us-east-1:123456789012:async-invoke/abc123")]
    public void AnInvocationArnMatchesEncodedOrNot(string path)
    {
        var lookup = FunctionRoutes.Match("GET", path);
        Assert.Equal(FunctionNames.AsyncStatus, lookup.Route!.FunctionName);
        Assert.Equal("arn:aws:bedrock:us-east-1:123456789012:async-invoke/abc123", lookup.PathParameters["invocationArn"]);
    }

    [Fact]
    public void AKnownPathWithAnotherMethodNamesTheAllowedOnes()
    {
        var lookup = FunctionRoutes.Match("GET", "/v1/converse");
        Assert.Null(lookup.Route);
        Assert.Equal(["POST"], lookup.AllowedMethods);

        var async = FunctionRoutes.Match("DELETE", "/v1/async");
        Assert.Equal(["POST"], async.AllowedMethods);
    }

    [Theory]
    [InlineData("/v1/converse/extra")]
    [InlineData("/v1/invoke")]
    [InlineData("/v1/invoke/")]
    [InlineData("/v2/converse")]
    [InlineData("")]
    [InlineData("v1/converse")]
    public void OtherPathsMatchNothing(string path)
    {
        var lookup = FunctionRoutes.Match("POST", path);
        Assert.Null(lookup.Route);
        Assert.Empty(lookup.AllowedMethods);
    }

    [Fact]
    public void EveryRouteHasAFunctionTheCatalogBuildsAndGetRoutesTakeNoBody()
    {
        Assert.Equal(FunctionRoutes.All.Count, FunctionRoutes.All.Select(r => r.RouteKey).Distinct().Count());
        Assert.All(FunctionRoutes.All.Where(r => r.Method == "GET"), r => Assert.Equal(0, r.MaxBodyBytes));
        Assert.All(FunctionRoutes.All, r => Assert.Contains(r.FunctionName, FunctionCatalog.Names));
        Assert.Equal("POST /v1/invoke/{modelId}", FunctionRoutes.All[0].RouteKey);
        Assert.Equal(FunctionNames.Batch, FunctionRoutes.Match("POST", "/v1/batch").Route!.FunctionName);
    }
}
