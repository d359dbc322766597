using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Serverless.Functions;
using Serverless.Functions.Errors;

namespace Serverless.LocalHost;

/// <summary>
/// The functions of a <see cref="FunctionCatalog"/> behind Kestrel on 127.0.0.1, with the routes of
/// <c>FunctionRoutes</c>: <c>await using var host = await LocalFunctionHost.StartAsync(catalog)</c>, then call
/// <see cref="BaseAddress"/>. The catalog stays the caller's.
/// </summary>
public sealed class LocalFunctionHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalFunctionHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<LocalFunctionHost> StartAsync(FunctionCatalog catalog, LocalHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        options ??= new LocalHostOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(LocalFunctionHost).Assembly.GetName().Name });
        if (!options.EnableLogging)
        {
            builder.Logging.ClearProviders();
        }

        ListenOptions? listener = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Bodies are limited per route by the dispatcher, which answers in the functions' error shape.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listener = listen;
            });
        });

        var app = builder.Build();
        var dispatcher = new FunctionDispatcher(catalog, options);
        app.Run(async http =>
        {
            try
            {
                await dispatcher.HandleAsync(http).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
            {
                // The client went away.
            }
            catch (Exception exception) when (!http.Response.HasStarted)
            {
                // Functions answer their own errors; this is only reached by a host bug.
                await HttpApiResponseWriter.WriteAsync(http.Response, ErrorBody.Response(ErrorMapper.ToError(exception)), CancellationToken.None).ConfigureAwait(false);
            }
        });

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new LocalFunctionHost(app, new Uri($"http://127.0.0.1:{listener!.IPEndPoint!.Port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
