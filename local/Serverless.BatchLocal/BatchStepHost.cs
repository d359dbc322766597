using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Serverless.Batch;
using Serverless.Batch.Steps;

namespace Serverless.BatchLocal;

/// <summary>
/// The batch steps over HTTP on 127.0.0.1, standing in for the Lambda functions: <c>POST /steps/{name}</c> with the
/// step's JSON input answers its JSON output, or an error <c>{"errorType","errorMessage"}</c> (400 for bad input,
/// 500 for a failed step) as a Lambda function error would reach Step Functions. <c>POST /_clock/advance?seconds=N</c>
/// moves a controlled clock when the host was given one.
/// </summary>
public sealed class BatchStepHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BatchStepHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Calls handled per step name (tests check that steps ran, and how often).</summary>
    public IReadOnlyDictionary<string, int> Calls => _calls;

    private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);

    public static async Task<BatchStepHost> StartAsync(BatchStepCatalog catalog, Func<TimeSpan, Task>? advanceClock = null,
        Func<string, ReadOnlyMemory<byte>, CancellationToken, Task>? beforeStep = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        BatchStepHost? host = null;
        app.MapPost("/steps/{name}", async (HttpContext http, string name) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, http.RequestAborted).ConfigureAwait(false);
            lock (host!._calls)
            {
                host._calls[name] = host._calls.GetValueOrDefault(name) + 1;
            }

            try
            {
                var step = catalog.Get(name);
                if (beforeStep is not null)
                {
                    await beforeStep(name, body.ToArray(), http.RequestAborted).ConfigureAwait(false);
                }

                var output = await step.InvokeAsync(body.ToArray(), http.RequestAborted).ConfigureAwait(false);
                http.Response.ContentType = "application/json";
                await http.Response.Body.WriteAsync(output, http.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
            {
                http.Response.StatusCode = e is BatchInputException or KeyNotFoundException ? 400 : 500;
                await http.Response.WriteAsJsonAsync(new StepError(BatchStepCatalog.ErrorType(e), e.Message), LocalJson.Default.StepError, contentType: null, http.RequestAborted).ConfigureAwait(false);
            }
        });
        app.MapPost("/_clock/advance", async (HttpContext http) =>
        {
            if (advanceClock is null || !double.TryParse(http.Request.Query["seconds"], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0)
            {
                http.Response.StatusCode = 400;
                return;
            }

            await advanceClock(TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Urls.First();
        host = new BatchStepHost(app, new Uri(address));
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

public sealed record StepError(string ErrorType, string ErrorMessage);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(StepError))]
internal sealed partial class LocalJson : System.Text.Json.Serialization.JsonSerializerContext;
