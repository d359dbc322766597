using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Hosting;
using Serverless.LocalBedrock.Jobs.Contracts;

namespace Serverless.LocalBedrock.Endpoints;

/// <summary>
/// Test and benchmark controls outside Bedrock's API: GET /_local/stats (counters as JSON), GET /_local/faults,
/// POST /_local/faults (replace all faults with a {"Operation": {...}} map), DELETE /_local/faults, POST /_local/reset
/// (forget quota usage and counters).
/// </summary>
internal static class LocalAdminEndpoints
{
    public static void Map(WebApplication app, LocalBedrockRuntime runtime)
    {
        app.MapGet("/_local/stats", (HttpContext http) => WriteJsonAsync(http, JsonSerializer.SerializeToUtf8Bytes(runtime.Stats(), LocalJsonContext.Default.LocalBedrockStats)));
        app.MapGet("/_local/faults", (HttpContext http) => WriteJsonAsync(http, JsonSerializer.SerializeToUtf8Bytes(runtime.Settings.Faults, SettingsJsonContext.Default.DictionaryStringFaultSettings)));
        app.MapDelete("/_local/faults", (HttpContext http) =>
        {
            runtime.Faults.Clear();
            http.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
        app.MapPost("/_local/faults", async (HttpContext http) =>
        {
            Dictionary<string, FaultSettings>? faults;
            try
            {
                faults = await JsonSerializer.DeserializeAsync(http.Request.Body, SettingsJsonContext.Default.DictionaryStringFaultSettings, http.RequestAborted).ConfigureAwait(false);
                runtime.Faults.Replace(faults ?? []);
            }
            catch (Exception e) when (e is JsonException or ArgumentException)
            {
                await AwsErrorResponse.ValidationAsync(http, "faults: " + e.Message, http.RequestAborted).ConfigureAwait(false);
                return;
            }

            http.Response.StatusCode = 204;
        });
        app.MapPost("/_local/reset", (HttpContext http) =>
        {
            runtime.Quotas.Reset();
            http.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
    }

    private static async Task WriteJsonAsync(HttpContext http, byte[] json)
    {
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(json, http.RequestAborted).ConfigureAwait(false);
    }
}
