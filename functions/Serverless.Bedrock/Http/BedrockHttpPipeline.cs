using System.Net.Http.Headers;
using System.Text;
using Serverless.Bedrock.Errors;

namespace Serverless.Bedrock.Http;

/// <summary>
/// Sends one operation: builds the HTTP request from its descriptor, signs it, retries retryable failures with
/// jittered backoff inside the deadline, and turns error responses into typed exceptions.
/// </summary>
internal sealed class BedrockHttpPipeline : IDisposable
{
    private readonly BedrockClientOptions _options;
    private readonly EndpointResolver _endpoints;
    private readonly RequestSigner _signer;
    private readonly RetryPolicy _retry;
    private readonly Lazy<HttpClient> _http;

    public BedrockHttpPipeline(BedrockClientOptions options)
    {
        _options = options;
        _endpoints = new EndpointResolver(options);
        _signer = new RequestSigner(options, _endpoints);
        _retry = new RetryPolicy(options.Retry, options.Random);
        _http = new Lazy<HttpClient>(() => options.HttpClient ?? new HttpClient(
            options.HttpMessageHandler ?? new SocketsHttpHandler { AllowAutoRedirect = false }, disposeHandler: options.HttpMessageHandler is null)
        {
            // The retry deadline bounds each call; HttpClient's own 100 s limit would cut long generations short.
            Timeout = Timeout.InfiniteTimeSpan,
        });
    }

    /// <summary>
    /// Sends the request (with retries) and hands the successful response to <paramref name="read"/> while the
    /// deadline still applies. Errors are thrown as <see cref="BedrockException"/>.
    /// </summary>
    public async Task<T> SendAsync<T>(OperationDescriptor operation, IHttpBoundRequest? bound, byte[]? body,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_retry.Deadline, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var started = _options.TimeProvider.GetUtcNow();

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await SendOnceAsync(operation, bound, body, HttpCompletionOption.ResponseContentRead, linked.Token)
                    .ConfigureAwait(false);
                return await read(response, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ShouldRetry(ex, attempt, started, cancellationToken, deadline.Token, out var delay))
            {
                await Task.Delay(delay, _options.TimeProvider, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{operation.Name} did not complete within the deadline of {_retry.Deadline}.", ex);
            }
        }
    }

    /// <summary>
    /// Sends a streaming request (with retries until a successful response arrives) and returns the open response;
    /// the caller owns it. The deadline stops applying once the response headers are in.
    /// </summary>
    public async Task<HttpResponseMessage> SendForStreamAsync(OperationDescriptor operation, IHttpBoundRequest? bound, byte[]? body,
        CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_retry.Deadline, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var started = _options.TimeProvider.GetUtcNow();

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Only headers are awaited under the linked token; the body is read later under the caller's token.
                return await SendOnceAsync(operation, bound, body, HttpCompletionOption.ResponseHeadersRead, linked.Token, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (ShouldRetry(ex, attempt, started, cancellationToken, deadline.Token, out var delay))
            {
                await Task.Delay(delay, _options.TimeProvider, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{operation.Name} did not start within the deadline of {_retry.Deadline}.", ex);
            }
        }
    }

    /// <summary>Whether the retry loop may go round again, and how long it waits; also used by the stream readers.</summary>
    public bool ShouldRetry(Exception exception, int attempt, DateTimeOffset started, CancellationToken callerToken,
        CancellationToken deadlineToken, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (callerToken.IsCancellationRequested || deadlineToken.IsCancellationRequested)
        {
            return false;
        }

        if (attempt >= _retry.MaxAttempts || !RetryPolicy.IsRetryable(exception))
        {
            return false;
        }

        delay = _retry.DelayAfter(attempt);
        // Waiting past the deadline only to be cancelled would hide the real error behind a timeout.
        return _options.TimeProvider.GetUtcNow() + delay - started < _retry.Deadline;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(OperationDescriptor operation, IHttpBoundRequest? bound, byte[]? body,
        HttpCompletionOption completion, CancellationToken attemptToken, CancellationToken? bodyToken = null)
    {
        using var request = BuildRequest(operation, bound, body);
        await _signer.SignAsync(request, body, attemptToken).ConfigureAwait(false);

        HttpResponseMessage response;
        try
        {
            response = await _http.Value.SendAsync(request, completion, attemptToken).ConfigureAwait(false);
        }
        catch (TaskCanceledException ex) when (!attemptToken.IsCancellationRequested)
        {
            throw new AttemptTimeoutException(ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var errorBody = await response.Content.ReadAsByteArrayAsync(bodyToken ?? attemptToken).ConfigureAwait(false);
            throw ErrorResponseParser.Parse(response.StatusCode, Header(response, "x-amzn-ErrorType"), RequestId(response), errorBody);
        }
    }

    private HttpRequestMessage BuildRequest(OperationDescriptor operation, IHttpBoundRequest? bound, byte[]? body)
    {
        var path = new StringBuilder(operation.UriTemplate);
        var query = new StringBuilder();
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var binding in operation.RequestBindings)
        {
            var value = bound?.GetBoundValue(binding.Member);
            switch (binding.Location)
            {
                case BindingLocation.Path:
                    path.Replace("{" + binding.WireName + "}", HttpLabel.Encode(value ?? ""));
                    break;
                case BindingLocation.Query when value is not null:
                    query.Append(query.Length == 0 ? '?' : '&')
                        .Append(Uri.EscapeDataString(binding.WireName)).Append('=').Append(Uri.EscapeDataString(value));
                    break;
                case BindingLocation.Header when value is not null:
                    headers.Add(new(binding.WireName, value));
                    break;
            }
        }

        var baseUri = _endpoints.BaseUri(operation.Service);
        var uri = new Uri(baseUri.GetLeftPart(UriPartial.Authority) + baseUri.AbsolutePath.TrimEnd('/') + path + query);
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), uri);

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(operation.HasJsonBody ? "application/json" : "application/octet-stream");
        }

        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.Remove("Content-Type");
                request.Content.Headers.TryAddWithoutValidation("Content-Type", value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    public void Dispose()
    {
        // Only a client we built is ours to dispose; a caller's HttpClient stays open.
        if (_http.IsValueCreated && _options.HttpClient is null)
        {
            _http.Value.Dispose();
        }
    }

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? values.FirstOrDefault()
            : null;

    public static int? IntHeader(HttpResponseMessage response, string name) =>
        int.TryParse(Header(response, name), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    public static string? RequestId(HttpResponseMessage response) =>
        Header(response, "x-amzn-RequestId") ?? Header(response, "x-amz-request-id");
}
