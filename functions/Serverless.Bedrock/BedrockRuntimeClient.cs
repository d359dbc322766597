using Serverless.Bedrock.Http;
using Serverless.Bedrock.Json;
using Serverless.Bedrock.Model;
using Serverless.Bedrock.Streaming;
using Serverless.Bedrock.Validation;

namespace Serverless.Bedrock;

/// <summary>
/// Client for the Bedrock runtime endpoint (bedrock-runtime.{region}.amazonaws.com), named and shaped after
/// AWSSDK.BedrockRuntime's AmazonBedrockRuntimeClient. Thread safe; creating it does no work.
/// Every method validates its input first and throws <see cref="ArgumentException"/> naming the bad field;
/// service errors arrive as <see cref="BedrockException"/> subclasses.
/// </summary>
public sealed class BedrockRuntimeClient : IDisposable
{
    private readonly BedrockHttpPipeline _pipeline;
    private readonly BedrockClientOptions _options;

    public BedrockRuntimeClient(BedrockClientOptions? options = null)
    {
        _options = options ?? new BedrockClientOptions();
        _pipeline = new BedrockHttpPipeline(_options);
    }

    /// <summary>Sends a model-native body and returns the model-native response body.</summary>
    public Task<InvokeModelResponse> InvokeModelAsync(InvokeModelRequest request, CancellationToken cancellationToken = default)
    {
        InvokeValidator.Validate(request);
        var operation = BedrockOperations.InvokeModel;
        return _pipeline.SendAsync(operation, request, request.Body.ToArray(), async (response, token) => new InvokeModelResponse
        {
            Body = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false),
            ContentType = BedrockHttpPipeline.Header(response, "Content-Type") ?? "",
            PerformanceConfigLatency = BedrockHttpPipeline.Header(response, "X-Amzn-Bedrock-PerformanceConfig-Latency"),
            ServiceTier = BedrockHttpPipeline.Header(response, "X-Amzn-Bedrock-Service-Tier"),
            InputTokenCount = BedrockHttpPipeline.IntHeader(response, "X-Amzn-Bedrock-Input-Token-Count"),
            OutputTokenCount = BedrockHttpPipeline.IntHeader(response, "X-Amzn-Bedrock-Output-Token-Count"),
        }, cancellationToken);
    }

    /// <summary>Streams the model-native response as <c>chunk</c> parts, each yielded as its frame arrives.</summary>
    public IAsyncEnumerable<PayloadPart> InvokeModelWithResponseStreamAsync(InvokeModelWithResponseStreamRequest request,
        CancellationToken cancellationToken = default)
    {
        InvokeValidator.Validate(request);
        return EventStreamCall.ReadAsync(_pipeline, BedrockOperations.InvokeModelWithResponseStream, request,
            request.Body.ToArray(), InvokeModelStreamEventMapper.Map, cancellationToken);
    }

    public Task<ConverseResponse> ConverseAsync(ConverseRequest request, CancellationToken cancellationToken = default)
    {
        ConverseValidator.Validate(request);
        return JsonOperation.SendAsync(_pipeline, BedrockOperations.Converse, request,
            BedrockJsonContext.Default.ConverseRequest, BedrockJsonContext.Default.ConverseResponse, cancellationToken);
    }

    /// <summary>Streams the reply as events (messageStart, contentBlockDelta, ..., metadata) as each frame arrives.</summary>
    public IAsyncEnumerable<ConverseStreamOutput> ConverseStreamAsync(ConverseStreamRequest request, CancellationToken cancellationToken = default)
    {
        ConverseValidator.Validate(request);
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(request, BedrockJsonContext.Default.ConverseStreamRequest);
        return EventStreamCall.ReadAsync(_pipeline, BedrockOperations.ConverseStream, request, body,
            ConverseStreamEventMapper.Map, cancellationToken);
    }

    public Task<CountTokensResponse> CountTokensAsync(CountTokensRequest request, CancellationToken cancellationToken = default)
    {
        ConverseValidator.Validate(request);
        return JsonOperation.SendAsync(_pipeline, BedrockOperations.CountTokens, request,
            BedrockJsonContext.Default.CountTokensRequest, BedrockJsonContext.Default.CountTokensResponse, cancellationToken);
    }

    /// <summary>Starts an asynchronous invocation; fills <c>ClientRequestToken</c> when unset.</summary>
    public Task<StartAsyncInvokeResponse> StartAsyncInvokeAsync(StartAsyncInvokeRequest request, CancellationToken cancellationToken = default)
    {
        InvokeValidator.Validate(request);
        request.ClientRequestToken ??= IdempotencyToken.New(_options.Random);
        return JsonOperation.SendAsync(_pipeline, BedrockOperations.StartAsyncInvoke, request,
            BedrockJsonContext.Default.StartAsyncInvokeRequest, BedrockJsonContext.Default.StartAsyncInvokeResponse, cancellationToken);
    }

    public Task<GetAsyncInvokeResponse> GetAsyncInvokeAsync(GetAsyncInvokeRequest request, CancellationToken cancellationToken = default)
    {
        InvokeValidator.Validate(request);
        return JsonOperation.SendAsync(_pipeline, BedrockOperations.GetAsyncInvoke, request,
            BedrockJsonContext.Default.GetAsyncInvokeRequest, BedrockJsonContext.Default.GetAsyncInvokeResponse, cancellationToken);
    }

    public Task<ListAsyncInvokesResponse> ListAsyncInvokesAsync(ListAsyncInvokesRequest request, CancellationToken cancellationToken = default)
    {
        InvokeValidator.Validate(request);
        return JsonOperation.SendAsync(_pipeline, BedrockOperations.ListAsyncInvokes, request,
            BedrockJsonContext.Default.ListAsyncInvokesRequest, BedrockJsonContext.Default.ListAsyncInvokesResponse, cancellationToken);
    }

    public void Dispose() => _pipeline.Dispose();
}
