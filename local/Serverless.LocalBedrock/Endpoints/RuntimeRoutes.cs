using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Serverless.LocalBedrock.Hosting;

namespace Serverless.LocalBedrock.Endpoints;

/// <summary>The Bedrock runtime's restJson1 routes (service-2.json, bedrock-runtime 2023-09-30).</summary>
internal static class RuntimeRoutes
{
    public static void Map(WebApplication app, LocalBedrockRuntime runtime)
    {
        app.MapPost("/model/{modelId}/invoke", (HttpContext http) => InvokeModelEndpoints.InvokeAsync(http, runtime, stream: false));
        app.MapPost("/model/{modelId}/invoke-with-response-stream", (HttpContext http) => InvokeModelEndpoints.InvokeAsync(http, runtime, stream: true));
        app.MapPost("/model/{modelId}/converse", (HttpContext http) => ConverseEndpoints.ConverseAsync(http, runtime, stream: false));
        app.MapPost("/model/{modelId}/converse-stream", (HttpContext http) => ConverseEndpoints.ConverseAsync(http, runtime, stream: true));
        app.MapPost("/model/{modelId}/count-tokens", (HttpContext http) => CountTokensEndpoint.CountAsync(http, runtime));
    }
}
