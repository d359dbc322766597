using Serverless.Functions.Routing;
using Serverless.Infra.Configuration;
using Serverless.Infra.Contracts;
using Serverless.Infra.Tests.Support;

namespace Serverless.Infra.Tests.Contracts;

public sealed class HandlerCatalogTests
{
    private static InfraSettings Settings(IReadOnlyList<RouteSettings>? routes = null)
    {
        var settings = InfraSettingsReader.Read(InfraContext.Default(), InfraContext.Environment);
        return routes is null ? settings : settings with { ExtraRoutes = routes };
    }

    [Fact]
    public void Every_route_of_FunctionRoutes_is_in_the_catalog_with_its_kind()
    {
        var handlers = HandlerCatalog.For(Settings());

        foreach (var route in FunctionRoutes.All)
        {
            var handler = Assert.Single(handlers, h => h.Name == route.FunctionName);
            Assert.Contains(new ApiRoute(route.Method, route.PathTemplate), handler.Routes);
            Assert.Equal(route.Kind == FunctionKind.Streaming ? HandlerKind.Streaming : HandlerKind.Http, handler.Kind);
        }

        Assert.Equal(
            [HandlerNames.InvokeStream, HandlerNames.ConverseStream],
            handlers.Where(h => h.Kind == HandlerKind.Streaming).Select(h => h.Name));
    }

    [Fact]
    public void The_batch_route_and_the_batch_steps_follow_the_http_functions()
    {
        var handlers = HandlerCatalog.For(Settings());

        var batch = Assert.Single(handlers, h => h.Name == "batch");
        Assert.Equal([new ApiRoute("POST", "/v1/batch"), new ApiRoute("GET", "/v1/batch/{batchId}")], batch.Routes);
        Assert.Equal(HandlerCatalog.BatchSteps, handlers.Where(h => h.Kind == HandlerKind.BatchStep).Select(h => h.Name));
        Assert.All(handlers.Where(h => h.Kind == HandlerKind.BatchStep), h => Assert.Empty(h.Routes));
    }

    [Fact]
    public void An_extra_route_that_FunctionRoutes_already_has_is_not_added_twice()
    {
        var handlers = HandlerCatalog.For(Settings([new RouteSettings("POST", "/v1/converse", "other")]));

        Assert.DoesNotContain(handlers, h => h.Name == "other");
        Assert.Single(handlers.SelectMany(h => h.Routes), r => r.RouteKey == "POST /v1/converse");
    }

    [Fact]
    public void A_route_may_not_name_a_batch_step()
    {
        var error = Assert.Throws<InfraSettingsException>(() => HandlerCatalog.For(Settings([new RouteSettings("POST", "/v1/prepare", HandlerNames.BatchPrepare)])));
        Assert.Equal("'batch-prepare' is a batch step; no HTTP route may name it.", error.Message);
    }

    [Fact]
    public void A_buffered_route_may_not_name_a_streaming_function()
    {
        var error = Assert.Throws<InfraSettingsException>(() => HandlerCatalog.For(Settings([new RouteSettings("POST", "/v1/other-stream", HandlerNames.InvokeStream)])));
        Assert.Contains("'invoke-stream' has both streaming and buffered routes", error.Message, StringComparison.Ordinal);
    }
}
