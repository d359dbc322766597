using Serverless.Bedrock.Http;
using Serverless.Bedrock.Json;
using Serverless.Bedrock.Model;
using Serverless.Bedrock.Validation;

namespace Serverless.Bedrock;

/// <summary>
/// Client for the Bedrock control plane (bedrock.{region}.amazonaws.com), limited to batch inference jobs; named
/// after AWSSDK.Bedrock's AmazonBedrockClient. Thread safe; creating it does no work.
/// </summary>
public sealed class BedrockClient : IDisposable
{
    private readonly BedrockHttpPipeline _pipeline;
    private readonly BedrockClientOptions _options;

    public BedrockClient(BedrockClientOptions? options = null)
    {
        _options = options ?? new BedrockClientOptions();
        _pipeline = new BedrockHttpPipeline(_options);
    }

    /// <summary>Submits a batch inference job; fills <c>ClientRequestToken</c> when unset.</summary>
    public Task<CreateModelInvocationJobResponse> CreateModelInvocationJobAsync(CreateModelInvocationJobRequest request,
        CancellationToken cancellationToken = default)
    {
        JobValidator.Validate(request);
        request.ClientRequestToken ??= IdempotencyToken.New(_options.Random);
        return JsonOperation.SendAsync(_pipeline, BedrockOperations.CreateModelInvocationJob, request,
            BedrockJsonContext.Default.CreateModelInvocationJobRequest, BedrockJsonContext.Default.CreateModelInvocationJobResponse,
            cancellationToken);
    }

    public Task<GetModelInvocationJobResponse> GetModelInvocationJobAsync(GetModelInvocationJobRequest request,
        CancellationToken cancellationToken = default)
    {
        JobValidator.Validate(request);
        return JsonOperation.SendAsync(_pipeline, BedrockOperations.GetModelInvocationJob, request,
            BedrockJsonContext.Default.GetModelInvocationJobRequest, BedrockJsonContext.Default.GetModelInvocationJobResponse,
            cancellationToken);
    }

    public Task<ListModelInvocationJobsResponse> ListModelInvocationJobsAsync(ListModelInvocationJobsRequest request,
        CancellationToken cancellationToken = default)
    {
        JobValidator.Validate(request);
        return JsonOperation.SendAsync(_pipeline, BedrockOperations.ListModelInvocationJobs, request,
            BedrockJsonContext.Default.ListModelInvocationJobsRequest, BedrockJsonContext.Default.ListModelInvocationJobsResponse,
            cancellationToken);
    }

    public Task<StopModelInvocationJobResponse> StopModelInvocationJobAsync(StopModelInvocationJobRequest request,
        CancellationToken cancellationToken = default)
    {
        JobValidator.Validate(request);
        return JsonOperation.SendAsync(_pipeline, BedrockOperations.StopModelInvocationJob, request,
            BedrockJsonContext.Default.StopModelInvocationJobRequest, BedrockJsonContext.Default.StopModelInvocationJobResponse,
            cancellationToken);
    }

    public void Dispose() => _pipeline.Dispose();
}
