using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Serverless.Bedrock.Errors;
using Serverless.Bedrock.Http;

namespace Serverless.Functions.StepFunctions;

/// <summary>
/// The Step Functions operations the functions need, StartExecution and DescribeExecution, named after AWSSDK.StepFunctions'
/// AmazonStepFunctionsClient: AWS JSON 1.0 (POST /, X-Amz-Target AWSStepFunctions.&lt;Operation&gt;), SigV4 as service
/// <c>states</c> through the Bedrock client's signer, throttling and server faults retried with the Bedrock client's
/// jittered backoff inside a deadline. Thread safe; creating it does no work.
/// </summary>
public sealed class AmazonStepFunctionsClient : IDisposable
{
    public const string SigningName = "states";
    public const string ContentType = "application/x-amz-json-1.0";
    public const string StartExecutionTarget = TargetPrefix + "StartExecution";
    public const string DescribeExecutionTarget = TargetPrefix + "DescribeExecution";

    private const string TargetPrefix = "AWSStepFunctions.";

    private readonly StepFunctionsClientOptions _options;
    private readonly Lazy<string> _region;
    private readonly RequestSigner _signer;
    private readonly RetryPolicy _retry;
    private readonly HttpClient _http;

    public AmazonStepFunctionsClient(StepFunctionsClientOptions? options = null)
    {
        _options = options ?? new StepFunctionsClientOptions();
        _region = new Lazy<string>(ResolveRegion);
        _signer = new RequestSigner(_options.Credentials, _options.TimeProvider, () => _region.Value, SigningName);
        _retry = new RetryPolicy(_options.Retry, _options.Random);
        _http = new HttpClient(_options.HttpMessageHandler ?? new SocketsHttpHandler { AllowAutoRedirect = false },
            disposeHandler: _options.HttpMessageHandler is null)
        {
            // The retry deadline bounds each call.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Starts an execution. Idempotent for STANDARD state machines by <c>name</c> (see <see cref="ExecutionAlreadyExistsException"/>).</summary>
    /// <exception cref="ArgumentException">The request breaks the service model's constraints; the message names the member.</exception>
    /// <exception cref="StepFunctionsException">Step Functions refused it (after retries when retryable).</exception>
    /// <exception cref="TimeoutException">No answer within <c>Retry.Deadline</c>.</exception>
    public async Task<StartExecutionResponse> StartExecutionAsync(StartExecutionRequest request, CancellationToken cancellationToken = default)
    {
        StartExecutionValidator.Validate(request);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, StepFunctionsJsonContext.Default.StartExecutionRequest);
        return await InvokeAsync(StartExecutionTarget, body, StepFunctionsJsonContext.Default.StartExecutionResponse, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Describes an execution: its status, dates, input and, once closed, its output or error.</summary>
    /// <exception cref="ArgumentException">The request breaks the service model's constraints; the message names the member.</exception>
    /// <exception cref="ExecutionDoesNotExistException">No execution has this ARN (not retried).</exception>
    /// <exception cref="StepFunctionsException">Step Functions refused it (after retries when retryable).</exception>
    /// <exception cref="TimeoutException">No answer within <c>Retry.Deadline</c>.</exception>
    public async Task<DescribeExecutionResponse> DescribeExecutionAsync(DescribeExecutionRequest request, CancellationToken cancellationToken = default)
    {
        DescribeExecutionValidator.Validate(request);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, StepFunctionsJsonContext.Default.DescribeExecutionRequest);
        return await InvokeAsync(DescribeExecutionTarget, body, StepFunctionsJsonContext.Default.DescribeExecutionResponse, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Sends one operation's body until it is answered, retrying throttling and server faults with jittered backoff
    /// while attempts and the deadline allow; the deadline ends as a <see cref="TimeoutException"/>.
    /// </summary>
    private async Task<TResponse> InvokeAsync<TResponse>(string target, byte[] body, JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        var operation = target[TargetPrefix.Length..];
        using var deadline = new CancellationTokenSource(_retry.Deadline, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var started = _options.TimeProvider.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var json = await SendOnceAsync(target, body, linked.Token).ConfigureAwait(false);
                return JsonSerializer.Deserialize(json, responseType)
                       ?? throw new JsonException($"{operation} answered JSON null.");
            }
            catch (Exception exception) when (ShouldRetry(exception, attempt, started, cancellationToken, deadline.Token, out var delay))
            {
                await Task.Delay(delay, _options.TimeProvider, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{operation} did not complete within the deadline of {_retry.Deadline}.", exception);
            }
        }
    }

    private async Task<byte[]> SendOnceAsync(string target, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, BaseUri()) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        await _signer.SignAsync(request, body, cancellationToken).ConfigureAwait(false);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return content;
        }

        throw Error(response, content);
    }

    private static StepFunctionsException Error(HttpResponseMessage response, byte[] content)
    {
        // awsJson1_0 errors: {"__type": "com.amazonaws...#ExecutionAlreadyExists", "message": "..."}, sometimes with the code in x-amzn-ErrorType.
        var fields = Serverless.Bedrock.Errors.ErrorBody.Read(content);
        var code = ErrorCodeParser.Sanitize(BedrockHttpPipeline.Header(response, "x-amzn-ErrorType"))
                   ?? ErrorCodeParser.Sanitize(fields.Type)
                   ?? ErrorCodeParser.Sanitize(fields.Code)
                   ?? "Http" + (int)response.StatusCode;
        var message = string.IsNullOrEmpty(fields.Message) ? $"{code} ({(int)response.StatusCode})" : fields.Message;
        var requestId = BedrockHttpPipeline.RequestId(response);
        return code switch
        {
            StepFunctionsErrors.ExecutionAlreadyExists => new ExecutionAlreadyExistsException(message, response.StatusCode, requestId),
            StepFunctionsErrors.ExecutionDoesNotExist => new ExecutionDoesNotExistException(message, response.StatusCode, requestId),
            _ => new StepFunctionsException(message, code, response.StatusCode, requestId),
        };
    }

    private bool ShouldRetry(Exception exception, int attempt, DateTimeOffset started, CancellationToken callerToken,
        CancellationToken deadlineToken, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        var retryable = exception is StepFunctionsException service ? service.IsRetryable : RetryPolicy.IsRetryable(exception);
        if (callerToken.IsCancellationRequested || deadlineToken.IsCancellationRequested || attempt >= _retry.MaxAttempts || !retryable)
        {
            return false;
        }

        delay = _retry.DelayAfter(attempt);
        return _options.TimeProvider.GetUtcNow() + delay - started < _retry.Deadline;
    }

    private Uri BaseUri() => _options.ServiceUrl ?? new Uri($"https://states.{_region.Value}.amazonaws.com/");

    private string ResolveRegion()
    {
        var region = new[] { _options.Region, _options.EnvironmentVariables("AWS_REGION"), _options.EnvironmentVariables("AWS_DEFAULT_REGION") }
            .FirstOrDefault(r => !string.IsNullOrWhiteSpace(r))?.Trim()
            ?? throw new InvalidOperationException("Region: no region configured; set StepFunctionsClientOptions.Region or AWS_REGION.");
        // The region becomes part of a host name; refuse anything that could change the host.
        return region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            ? region
            : throw new InvalidOperationException($"Region: '{region}' is not a region name like us-east-1.");
    }

    public void Dispose() => _http.Dispose();
}
