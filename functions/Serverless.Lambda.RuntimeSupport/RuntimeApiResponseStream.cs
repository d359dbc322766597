using System.Text;

namespace Serverless.Lambda.RuntimeSupport;

/// <summary>
/// One streamed response: POST /runtime/invocation/{id}/response with Lambda-Runtime-Function-Response-Mode: streaming,
/// Transfer-Encoding: chunked and a Trailer declaration, written on its own connection that is closed afterwards (as the
/// custom-runtime guide asks). The request starts at the first write; an error after that goes into the trailers.
/// One writer at a time.
/// </summary>
public sealed class RuntimeApiResponseStream : ILambdaResponseStream, IHttpResponseStreamStarter, IAsyncDisposable
{
    private readonly RuntimeApiClient _client;
    private readonly string _awsRequestId;
    private string _contentType = RuntimeApiHeaders.DefaultStreamingContentType;
    private Http1Connection? _connection;
    private ChunkedBodyWriter? _body;
    private bool _ended;
    private bool _broken;

    internal RuntimeApiResponseStream(RuntimeApiClient client, string awsRequestId)
    {
        _client = client;
        _awsRequestId = awsRequestId;
    }

    /// <summary>True once the request (and so the response headers) has gone out; from then on errors go into trailers.</summary>
    public bool HasStarted => _connection is not null;

    /// <summary>The response's content type; settable until the first write.</summary>
    public string ContentType
    {
        get => _contentType;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            ThrowIfStarted("ContentType");
            _contentType = RuntimeApiClient.HeaderSafe(value);
        }
    }

    public async ValueTask StartHttpResponseAsync(HttpResponseStreamPrelude prelude, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prelude);
        ThrowIfStarted(nameof(StartHttpResponseAsync));
        _contentType = HttpResponseStreamPrelude.ContentType;
        await WriteAsync(prelude.ToBytes(), ct).ConfigureAwait(false);
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var body = await StartAsync(ct).ConfigureAwait(false);
        await GuardAsync(body.WriteChunkAsync(data, ct)).ConfigureAwait(false);
    }

    public async ValueTask FlushAsync(CancellationToken ct)
    {
        await StartAsync(ct).ConfigureAwait(false);
        await GuardAsync(new ValueTask(_connection!.Stream.FlushAsync(ct))).ConfigureAwait(false);
    }

    /// <summary>Ends the body without trailers and checks the API's answer. Starts the request first if nothing was written.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        var body = await StartAsync(ct).ConfigureAwait(false);
        await GuardAsync(body.WriteEndAsync([], ct)).ConfigureAwait(false);
        await ReadAnswerAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends a started body with the error trailers (type, and the error document base64-encoded). When the body is
    /// broken mid-chunk (a write failed), no trailer can be framed: the connection is just closed.
    /// </summary>
    public async Task FailAsync(RuntimeErrorBody error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!HasStarted)
        {
            throw new InvalidOperationException("Nothing was streamed yet: report the error to /runtime/invocation/{id}/error instead.");
        }

        if (_broken || _ended)
        {
            await DisposeAsync().ConfigureAwait(false);
            return;
        }

        KeyValuePair<string, string>[] trailers =
        [
            new(RuntimeApiHeaders.FunctionErrorType, RuntimeApiClient.HeaderSafe(error.ErrorType)),
            new(RuntimeApiHeaders.FunctionErrorBody, Convert.ToBase64String(error.ToUtf8Json())),
        ];
        await GuardAsync(_body!.WriteEndAsync(trailers, ct)).ConfigureAwait(false);
        await ReadAnswerAsync(ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            _ended = true;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask<ChunkedBodyWriter> StartAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_ended, this);
        if (_body is not null)
        {
            return _body;
        }

        var connection = await _client.ConnectAsync(ct).ConfigureAwait(false);
        try
        {
            var head = new StringBuilder()
                .Append("POST /").Append(RuntimeApiHeaders.ApiVersion).Append('/').Append(RuntimeApiClient.InvocationPath(_awsRequestId, "response")).Append(" HTTP/1.1\r\n")
                .Append("Host: ").Append(_client.Endpoint.Authority).Append("\r\n")
                .Append("Content-Type: ").Append(_contentType).Append("\r\n")
                .Append(RuntimeApiHeaders.ResponseMode).Append(": ").Append(RuntimeApiHeaders.StreamingResponseMode).Append("\r\n")
                .Append("Transfer-Encoding: chunked\r\n")
                // HTTP/1.1 only lets a sender add trailers it declared up front.
                .Append("Trailer: ").Append(RuntimeApiHeaders.FunctionErrorType).Append(", ").Append(RuntimeApiHeaders.FunctionErrorBody).Append("\r\n")
                .Append("Connection: close\r\n")
                .Append("\r\n");
            await connection.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), ct).ConfigureAwait(false);
            await connection.FlushAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _connection = new Http1Connection(connection);
        _body = new ChunkedBodyWriter(connection);
        return _body;
    }

    private async ValueTask GuardAsync(ValueTask write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch
        {
            // A write cut short leaves a half-written chunk: the body can no longer be framed.
            _broken = true;
            throw;
        }
    }

    private async Task ReadAnswerAsync(CancellationToken ct)
    {
        try
        {
            var answer = await _connection!.ReadResponseAsync(ct).ConfigureAwait(false);
            if ((int)answer.StatusCode is < 200 or > 299)
            {
                throw RuntimeApiClient.ToException(answer.StatusCode, answer.Body, RuntimeApiClient.InvocationPath(_awsRequestId, "response"));
            }
        }
        finally
        {
            await DisposeAsync().ConfigureAwait(false);
        }
    }

    private void ThrowIfStarted(string what)
    {
        if (HasStarted)
        {
            throw new InvalidOperationException($"{what} must come before the first write: the content type goes out with the request's headers.");
        }
    }
}
