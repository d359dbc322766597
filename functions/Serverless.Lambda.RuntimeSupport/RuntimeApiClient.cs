using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;

namespace Serverless.Lambda.RuntimeSupport;

/// <summary>
/// The Lambda Runtime API (2018-06-01): next invocation, buffered response, invocation error, init error over an
/// HttpClient, and streamed responses over a raw connection (<see cref="ChunkedBodyWriter"/> says why).
/// Contract: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html and
/// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html#runtimes-custom-response-streaming.
/// </summary>
public sealed class RuntimeApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Func<RuntimeApiEndpoint, CancellationToken, ValueTask<Stream>> _connect;

    /// <param name="endpoint">host:port, as AWS_LAMBDA_RUNTIME_API gives it.</param>
    /// <param name="handler">The HTTP handler for next/response/error (not disposed here); the runtime's own small HTTP/1.1 handler when null (<see cref="RuntimeApiHttpHandler"/> says why).</param>
    /// <param name="connect">Opens the raw connection a streamed response is written to; a TCP connection to the endpoint when null.</param>
    public RuntimeApiClient(string endpoint, HttpMessageHandler? handler = null, Func<RuntimeApiEndpoint, CancellationToken, ValueTask<Stream>>? connect = null)
    {
        Endpoint = RuntimeApiEndpoint.Parse(endpoint, nameof(endpoint));
        _ownsHttp = handler is null;
        _connect = connect ?? ConnectTcpAsync;
        _http = new HttpClient(handler ?? new RuntimeApiHttpHandler(Endpoint, _connect), disposeHandler: handler is null)
        {
            BaseAddress = Endpoint.BaseAddress,
            // /next long-polls: the process may even be frozen between invocations, so no timeout here.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public RuntimeApiEndpoint Endpoint { get; }

    /// <summary>GET /runtime/invocation/next: waits (without a timeout) for the next event.</summary>
    public async Task<InvocationRequest> GetNextInvocationAsync(CancellationToken ct)
    {
        using var response = await _http.GetAsync("runtime/invocation/next", HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, "runtime/invocation/next", ct).ConfigureAwait(false);
        var payload = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        var requestId = Header(response, RuntimeApiHeaders.RequestId)
            ?? throw MissingHeader(RuntimeApiHeaders.RequestId);
        var deadlineText = Header(response, RuntimeApiHeaders.DeadlineMs) ?? throw MissingHeader(RuntimeApiHeaders.DeadlineMs);
        if (!long.TryParse(deadlineText, NumberStyles.None, CultureInfo.InvariantCulture, out var deadlineMs))
        {
            throw new RuntimeApiException(HttpStatusCode.BadGateway, null, $"The next invocation's {RuntimeApiHeaders.DeadlineMs} '{deadlineText}' is not Unix milliseconds.");
        }

        return new InvocationRequest
        {
            AwsRequestId = requestId,
            Payload = payload,
            Deadline = DateTimeOffset.FromUnixTimeMilliseconds(deadlineMs),
            InvokedFunctionArn = Header(response, RuntimeApiHeaders.InvokedFunctionArn) ?? string.Empty,
            TraceId = Header(response, RuntimeApiHeaders.TraceId),
            ClientContextJson = Header(response, RuntimeApiHeaders.ClientContext),
            CognitoIdentityJson = Header(response, RuntimeApiHeaders.CognitoIdentity),
        };
    }

    /// <summary>POST /runtime/invocation/{id}/response with the whole payload (Lambda allows 6 MB; larger gets 413).</summary>
    public async Task SendResponseAsync(string awsRequestId, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        var path = InvocationPath(awsRequestId, "response");
        using var content = new ReadOnlyMemoryContent(payload);
        using var response = await _http.PostAsync(path, content, ct).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, path, ct).ConfigureAwait(false);
    }

    /// <summary>POST /runtime/invocation/{id}/error: the handler failed before sending any response.</summary>
    public Task ReportInvocationErrorAsync(string awsRequestId, RuntimeErrorBody error, CancellationToken ct) =>
        PostErrorAsync(InvocationPath(awsRequestId, "error"), error, ct);

    /// <summary>POST /runtime/init/error: the function cannot start; only valid before the first /next.</summary>
    public Task ReportInitializationErrorAsync(RuntimeErrorBody error, CancellationToken ct) =>
        PostErrorAsync("runtime/init/error", error, ct);

    /// <summary>
    /// A streamed response for one invocation. Nothing is sent until the first write (or the end), so a handler that
    /// fails first can still report to /error.
    /// </summary>
    public RuntimeApiResponseStream CreateResponseStream(string awsRequestId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(awsRequestId);
        return new RuntimeApiResponseStream(this, awsRequestId);
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    internal ValueTask<Stream> ConnectAsync(CancellationToken ct) => _connect(Endpoint, ct);

    internal static string InvocationPath(string awsRequestId, string action)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(awsRequestId);
        return $"runtime/invocation/{Uri.EscapeDataString(awsRequestId)}/{action}";
    }

    internal static RuntimeApiException ToException(HttpStatusCode status, ReadOnlySpan<byte> body, string path)
    {
        RuntimeApiErrorDocument? document = null;
        try
        {
            document = body.IsEmpty ? null : JsonSerializer.Deserialize(body, RuntimeJsonContext.Default.RuntimeApiErrorDocument);
        }
        catch (JsonException)
        {
            // Not the documented error shape; the status alone still says what happened.
        }

        var detail = document?.ErrorMessage ?? System.Text.Encoding.UTF8.GetString(body);
        return new RuntimeApiException(status, document?.ErrorType, $"The Runtime API answered {(int)status} to {path}: {document?.ErrorType}{(document?.ErrorType is null ? "" : ": ")}{detail}");
    }

    private async Task PostErrorAsync(string path, RuntimeErrorBody error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(error);
        using var content = new ByteArrayContent(error.ToUtf8Json());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TryAddWithoutValidation(RuntimeApiHeaders.FunctionErrorType, HeaderSafe(error.ErrorType));
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, path, ct).ConfigureAwait(false);
    }

    /// <summary>An error type fit for a header line (no control or non-ASCII characters).</summary>
    internal static string HeaderSafe(string value) =>
        new(value.Select(c => c is >= ' ' and < (char)127 ? c : '_').ToArray());

    private static async Task ThrowIfFailedAsync(HttpResponseMessage response, string path, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            throw ToException(response.StatusCode, body, path);
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) && values.ToString() is { Length: > 0 } value ? value : null;

    private static RuntimeApiException MissingHeader(string name) =>
        new(HttpStatusCode.BadGateway, null, $"The next invocation has no {name} header; the Runtime API must send it.");

    private static async ValueTask<Stream> ConnectTcpAsync(RuntimeApiEndpoint endpoint, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, ct).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
