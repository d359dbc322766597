using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace Serverless.Lambda.RuntimeSupport;

/// <summary>
/// The default HTTP handler under <see cref="RuntimeApiClient"/>: HTTP/1.1 over kept-alive connections to the one
/// Runtime API endpoint, with only what that API needs. It exists for cold start: SocketsHttpHandler (proxy and
/// connection-pool machinery, HTTP/2 and HTTP/3 paths, header validation) costs about 30 ms of JIT and type loading
/// before the first /next on this project's machine (measured in docs/lambda-runtime.md). Any other handler can be injected instead.
/// </summary>
internal sealed class RuntimeApiHttpHandler : HttpMessageHandler
{
    private readonly RuntimeApiEndpoint _endpoint;
    private readonly Func<RuntimeApiEndpoint, CancellationToken, ValueTask<Stream>> _connect;
    private readonly ConcurrentStack<Http1Connection> _idle = new();

    public RuntimeApiHttpHandler(RuntimeApiEndpoint endpoint, Func<RuntimeApiEndpoint, CancellationToken, ValueTask<Stream>> connect)
    {
        _endpoint = endpoint;
        _connect = connect;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var head = RequestHead(request, body.Length);
        while (true)
        {
            var reused = _idle.TryPop(out var connection);
            connection ??= new Http1Connection(await ConnectAsync(cancellationToken).ConfigureAwait(false));
            Http1Response answer;
            try
            {
                await connection.Stream.WriteAsync(head, cancellationToken).ConfigureAwait(false);
                if (body.Length > 0)
                {
                    await connection.Stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
                }

                await connection.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                answer = await connection.ReadResponseAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException) when (reused && !cancellationToken.IsCancellationRequested)
            {
                // A kept-alive connection the API had already closed (e.g. across a long freeze): nothing of this
                // request was taken, so it goes again on a new connection.
                await connection.DisposeAsync().ConfigureAwait(false);
                continue;
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw new HttpRequestException($"The Runtime API at {_endpoint} broke off {request.Method} {request.RequestUri}: {e.Message}", e);
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            if (answer.KeepAlive)
            {
                _idle.Push(connection);
            }
            else
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            return ToResponseMessage(answer, request);
        }
    }

    private async ValueTask<Stream> ConnectAsync(CancellationToken ct)
    {
        try
        {
            return await _connect(_endpoint, ct).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            // As SocketsHttpHandler does: callers handle one exception type for "the API is not there".
            throw new HttpRequestException($"The Runtime API at {_endpoint} could not be reached: {e.Message}", e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            while (_idle.TryPop(out var connection))
            {
                connection.Stream.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private byte[] RequestHead(HttpRequestMessage request, int bodyLength)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var head = new StringBuilder()
            .Append(request.Method.Method).Append(' ').Append(uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(_endpoint.Authority).Append("\r\n");
        foreach (var (name, values) in request.Headers.NonValidated)
        {
            AppendField(head, name, values.ToString());
        }

        if (request.Content is { } content)
        {
            foreach (var (name, values) in content.Headers.NonValidated)
            {
                if (!string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    AppendField(head, name, values.ToString());
                }
            }
        }

        if (request.Content is not null || request.Method == HttpMethod.Post)
        {
            head.Append("Content-Length: ").Append(bodyLength).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(head.Append("\r\n").ToString());
    }

    private static void AppendField(StringBuilder head, string name, string value)
    {
        if (value.Any(c => c is '\r' or '\n'))
        {
            throw new ArgumentException($"Header '{name}' has a line break in its value.", nameof(value));
        }

        head.Append(name).Append(": ").Append(value).Append("\r\n");
    }

    private static HttpResponseMessage ToResponseMessage(Http1Response answer, HttpRequestMessage request)
    {
        var response = new HttpResponseMessage(answer.StatusCode)
        {
            ReasonPhrase = answer.ReasonPhrase,
            RequestMessage = request,
            Content = new ByteArrayContent(answer.Body),
        };
        foreach (var (name, value) in answer.Fields)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }
}
