using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Endpoints;
using Serverless.LocalBedrock.Faults;
using Serverless.LocalBedrock.Jobs;
using Serverless.LocalBedrock.Jobs.Contracts;
using Serverless.LocalBedrock.Jobs.Http;
using Serverless.LocalBedrock.Jobs.Storage;
using Serverless.LocalBedrock.Quotas;

namespace Serverless.LocalBedrock.Hosting;

/// <summary>
/// A local Bedrock runtime on Kestrel, in-process: <c>await using var server = await LocalBedrockServer.StartAsync(settings)</c>,
/// then point a client at <see cref="BaseAddress"/> (HTTP/1.1) or <see cref="Http2BaseAddress"/> (h2c).
/// </summary>
public sealed class LocalBedrockServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalBedrockServer(WebApplication app, LocalBedrockRuntime runtime, LocalModelInvoker invoker, LocalJobsService jobs, IObjectStore objectStore, Uri baseAddress, Uri? http2BaseAddress)
    {
        _app = app;
        Runtime = runtime;
        ModelInvoker = invoker;
        Jobs = jobs;
        ObjectStore = objectStore;
        BaseAddress = baseAddress;
        Http2BaseAddress = http2BaseAddress;
    }

    public Uri BaseAddress { get; }

    public Uri? Http2BaseAddress { get; }

    public LocalBedrockRuntime Runtime { get; }

    /// <summary>The live settings; changes apply to the next request.</summary>
    public LocalBedrockSettings Settings => Runtime.Settings;

    /// <summary>Fault controls (same as POST /_local/faults).</summary>
    public FaultInjector Faults => Runtime.Faults;

    public QuotaLedger Quotas => Runtime.Quotas;

    public LocalModelInvoker ModelInvoker { get; }

    /// <summary>Batch inference jobs and async invocations (the control-plane job API and the runtime's async-invoke API).</summary>
    public LocalJobsService Jobs { get; }

    /// <summary>Where batch input is read and output written (s3:// URIs): in memory unless the options name another store.</summary>
    public IObjectStore ObjectStore { get; }

    /// <summary>Counters: quota use per model id, responses per operation and status, faults injected (same as GET /_local/stats).</summary>
    public LocalBedrockStats Stats() => Runtime.Stats();

    public static async Task<LocalBedrockServer> StartAsync(LocalBedrockSettings settings, LocalBedrockServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        options ??= new LocalBedrockServerOptions();
        var runtime = new LocalBedrockRuntime(settings, options.TimeProvider ?? TimeProvider.System);
        var invoker = new LocalModelInvoker(runtime);
        var objectStore = options.ObjectStore ?? new InMemoryObjectStore();
        var jobs = new LocalJobsService(settings.Jobs, objectStore, invoker, runtime.Time);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(LocalBedrockServer).Assembly.GetName().Name });
        if (!options.EnableLogging)
        {
            builder.Logging.ClearProviders();
        }

        ListenOptions? http1 = null;
        ListenOptions? http2 = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Bodies are size-checked by the runtime so an oversized one gets Bedrock's ValidationException, not a bare 413.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                http1 = listen;
            });
            if (options.Http2Port is { } h2Port)
            {
                // Kestrel speaks cleartext HTTP/2 only with prior knowledge, i.e. on an HTTP/2-only endpoint.
                kestrel.Listen(IPAddress.Loopback, h2Port, listen =>
                {
                    listen.Protocols = HttpProtocols.Http2;
                    http2 = listen;
                });
            }
        });
        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton(runtime.Time);
        builder.Services.AddSingleton<IModelInvoker>(invoker);
        builder.Services.AddSingleton(jobs);
        builder.Services.AddSingleton(objectStore);
        options.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away; nothing left to answer.
            }
            catch (Exception e) when (!context.Response.HasStarted)
            {
                await AwsErrorResponse.WriteAsync(context, 500, "InternalServerException", "Local Bedrock failed: " + e.Message).ConfigureAwait(false);
            }
        });
        app.Use((context, next) => Auth.SignatureMiddleware.InvokeAsync(context, next, runtime));
        RuntimeRoutes.Map(app, runtime);
        LocalAdminEndpoints.Map(app, runtime);
        app.MapLocalBedrockJobs(jobs);
        options.MapEndpoints?.Invoke(app);
        app.MapFallback((HttpContext http) => AwsErrorResponse.WriteAsync(http, 404, "UnknownOperationException", $"No operation matches {http.Request.Method} {http.Request.Path}.", http.RequestAborted));

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var baseAddress = new Uri($"http://127.0.0.1:{http1!.IPEndPoint!.Port}/");
        var http2Address = http2 is null ? null : new Uri($"http://127.0.0.1:{http2.IPEndPoint!.Port}/");
        return new LocalBedrockServer(app, runtime, invoker, jobs, objectStore, baseAddress, http2Address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await Jobs.DisposeAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
