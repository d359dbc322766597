using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Serverless.TestSupport;

/// <summary>
/// The Lambda Runtime API (2018-06-01) on Kestrel at 127.0.0.1 on a free port, following the documented contract
/// (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html): /next long-polls and sends the invocation
/// headers; /response takes a buffered body up to Lambda's 6 MB limit (413 RequestEntityTooLarge beyond) or a streamed
/// chunked body with its error trailers; /error and /init/error take the error document and its
/// Lambda-Runtime-Function-Error-Type header; an unknown request id is 400 InvalidRequestID and a second answer
/// (or /init/error after the first /next) is 403 InvalidStateTransition, the status and error types Lambda's own
/// Runtime API server uses.
/// </summary>
public sealed class LocalRuntimeApi : IAsyncDisposable
{
    /// <summary>Lambda's buffered response limit (the figure its 'exceeded maximum allowed payload size' error names).</summary>
    public const int MaxBufferedResponseBytes = 6_291_556;

    private const string Prefix = "/2018-06-01/runtime";

    private readonly Channel<LocalInvocation> _queue = Channel.CreateUnbounded<LocalInvocation>();
    private readonly ConcurrentDictionary<string, LocalInvocation> _invocations = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<RecordedInitError> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<long> _nextRequests = new();
    private readonly TimeProvider _time;
    private WebApplication? _app;
    private TaskCompletionSource _nextArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextRequestCount;

    private LocalRuntimeApi(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>host:port, the value for AWS_LAMBDA_RUNTIME_API.</summary>
    public string Endpoint { get; private set; } = string.Empty;

    /// <summary>Completes when the runtime posts /runtime/init/error.</summary>
    public Task<RecordedInitError> InitError => _initError.Task;

    /// <summary>Stopwatch timestamps of each GET /next as it arrived (before any event was available).</summary>
    public IReadOnlyCollection<long> NextRequestTimestamps => _nextRequests;

    public int NextRequestCount => Volatile.Read(ref _nextRequestCount);

    public static async Task<LocalRuntimeApi> StartAsync(TimeProvider? time = null, CancellationToken ct = default)
    {
        var api = new LocalRuntimeApi(time ?? TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
        });
        var app = builder.Build();
        app.Run(api.HandleAsync);
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        api.Endpoint = $"127.0.0.1:{address.Port}";
        api._app = app;
        return api;
    }

    /// <summary>Queues an event; the runtime receives it on its next (or pending) GET /next.</summary>
    public LocalInvocation Enqueue(byte[] payload, LocalInvocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(payload);
        options ??= new LocalInvocationOptions();
        var invocation = new LocalInvocation(options.RequestId ?? Guid.NewGuid().ToString(), payload, options);
        if (!_invocations.TryAdd(invocation.RequestId, invocation))
        {
            throw new ArgumentException($"Request id '{invocation.RequestId}' is already in use.", nameof(options));
        }

        _queue.Writer.TryWrite(invocation);
        return invocation;
    }

    /// <summary>Waits until the runtime has sent at least <paramref name="count"/> GET /next requests.</summary>
    public async Task WaitForNextRequestsAsync(int count, CancellationToken ct)
    {
        while (true)
        {
            // Take the signal before checking the count, so an arrival in between is not missed.
            var arrived = Volatile.Read(ref _nextArrived);
            if (NextRequestCount >= count)
            {
                return;
            }

            await arrived.Task.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var invocation in _invocations.Values)
        {
            invocation.Fail(new ObjectDisposedException(nameof(LocalRuntimeApi), "The local Runtime API stopped before the invocation was answered."));
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var method = context.Request.Method;
        if (method == HttpMethods.Get && path == Prefix + "/invocation/next")
        {
            await NextAsync(context).ConfigureAwait(false);
        }
        else if (method == HttpMethods.Post && path == Prefix + "/init/error")
        {
            await InitErrorAsync(context).ConfigureAwait(false);
        }
        else if (method == HttpMethods.Post && path.StartsWith(Prefix + "/invocation/", StringComparison.Ordinal)
                 && path[(Prefix.Length + "/invocation/".Length)..].Split('/') is [var id, var action and ("response" or "error")])
        {
            if (!_invocations.TryGetValue(Uri.UnescapeDataString(id), out var invocation))
            {
                await RenderErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidRequestID", $"Invalid request ID: '{id}'").ConfigureAwait(false);
            }
            else if (action == "error")
            {
                await ErrorAsync(context, invocation).ConfigureAwait(false);
            }
            else if (string.Equals(context.Request.Headers["Lambda-Runtime-Function-Response-Mode"], "streaming", StringComparison.OrdinalIgnoreCase))
            {
                await StreamedResponseAsync(context, invocation).ConfigureAwait(false);
            }
            else
            {
                await BufferedResponseAsync(context, invocation).ConfigureAwait(false);
            }
        }
        else
        {
            await RenderErrorAsync(context, StatusCodes.Status404NotFound, "NotFound", $"No Runtime API resource {method} {path}").ConfigureAwait(false);
        }
    }

    private async Task NextAsync(HttpContext context)
    {
        _nextRequests.Enqueue(Stopwatch.GetTimestamp());
        Interlocked.Increment(ref _nextRequestCount);
        Interlocked.Exchange(ref _nextArrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        LocalInvocation invocation;
        try
        {
            invocation = await _queue.Reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            context.Abort();
            return;
        }

        var deadline = _time.GetUtcNow() + invocation.Options.Timeout;
        invocation.Deadline = deadline;
        invocation.MarkDelivered();
        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = invocation.Options.InvokedFunctionArn;
        SetIfPresent(headers, "Lambda-Runtime-Trace-Id", invocation.Options.TraceId);
        SetIfPresent(headers, "Lambda-Runtime-Client-Context", invocation.Options.ClientContext);
        SetIfPresent(headers, "Lambda-Runtime-Cognito-Identity", invocation.Options.CognitoIdentity);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = invocation.Payload.Length;
        await context.Response.Body.WriteAsync(invocation.Payload, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task InitErrorAsync(HttpContext context)
    {
        if (NextRequestCount > 0)
        {
            await RenderErrorAsync(context, StatusCodes.Status403Forbidden, "InvalidStateTransition", "Init error after the runtime asked for an invocation.").ConfigureAwait(false);
            return;
        }

        var body = await ReadAllAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
        _initError.TrySetResult(new RecordedInitError(context.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString() is { Length: > 0 } type ? type : null, body));
        await RenderAcceptedAsync(context).ConfigureAwait(false);
    }

    private async Task ErrorAsync(HttpContext context, LocalInvocation invocation)
    {
        var body = await ReadAllAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
        if (!invocation.TryClaimAnswer())
        {
            await RenderAlreadyAnsweredAsync(context).ConfigureAwait(false);
            return;
        }

        invocation.Complete(new InvocationOutcome(InvocationOutcomeKind.Error, body, Headers(context.Request.Headers), new Dictionary<string, string>()));
        await RenderAcceptedAsync(context).ConfigureAwait(false);
    }

    private async Task BufferedResponseAsync(HttpContext context, LocalInvocation invocation)
    {
        var body = await ReadAllAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
        if (invocation.IsAnswered)
        {
            await RenderAlreadyAnsweredAsync(context).ConfigureAwait(false);
        }
        else if (body.Length > MaxBufferedResponseBytes)
        {
            // Lambda answers 413 and leaves the invocation open, so the runtime can still report an error for it.
            await RenderErrorAsync(
                context,
                StatusCodes.Status413PayloadTooLarge,
                "RequestEntityTooLarge",
                $"Response payload size ({body.Length} bytes) exceeded maximum allowed payload size ({MaxBufferedResponseBytes} bytes).").ConfigureAwait(false);
        }
        else if (!invocation.TryClaimAnswer())
        {
            await RenderAlreadyAnsweredAsync(context).ConfigureAwait(false);
        }
        else
        {
            invocation.Complete(new InvocationOutcome(InvocationOutcomeKind.Response, body, Headers(context.Request.Headers), new Dictionary<string, string>()));
            await RenderAcceptedAsync(context).ConfigureAwait(false);
        }
    }

    private async Task StreamedResponseAsync(HttpContext context, LocalInvocation invocation)
    {
        if (!invocation.TryClaimAnswer())
        {
            await RenderAlreadyAnsweredAsync(context).ConfigureAwait(false);
            return;
        }

        var headers = Headers(context.Request.Headers);
        var body = new MemoryStream();
        try
        {
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                var piece = buffer[..read];
                body.Write(piece);
                await invocation.StreamAsync(piece, context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            // The runtime closed the connection mid-body: Lambda sees a truncated response.
            invocation.Fail(new IOException("The streamed response ended without a complete chunked body.", e));
            return;
        }

        var trailers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (context.Request.CheckTrailersAvailable())
        {
            foreach (var name in new[] { "Lambda-Runtime-Function-Error-Type", "Lambda-Runtime-Function-Error-Body" })
            {
                if (context.Request.GetTrailer(name).ToString() is { Length: > 0 } value)
                {
                    trailers[name] = value;
                }
            }
        }

        invocation.Complete(new InvocationOutcome(InvocationOutcomeKind.StreamedResponse, body.ToArray(), headers, trailers));
        await RenderAcceptedAsync(context).ConfigureAwait(false);
    }

    private static Task RenderAlreadyAnsweredAsync(HttpContext context) =>
        RenderErrorAsync(context, StatusCodes.Status403Forbidden, "InvalidStateTransition", "The invocation was already answered (response already sent).");

    private static async Task RenderAcceptedAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"status\":\"OK\"}", context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task RenderErrorAsync(HttpContext context, int status, string errorType, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["errorMessage"] = message, ["errorType"] = errorType });
        await context.Response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private static Dictionary<string, string> Headers(IHeaderDictionary headers) =>
        headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    private static void SetIfPresent(IHeaderDictionary headers, string name, string? value)
    {
        if (value is not null)
        {
            headers[name] = value;
        }
    }

    private static async Task<byte[]> ReadAllAsync(Stream body, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, ct).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
