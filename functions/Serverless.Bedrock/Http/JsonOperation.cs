using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Serverless.Bedrock.Http;

/// <summary>Sends an operation whose input and output are JSON bodies (everything but InvokeModel and the streams).</summary>
internal static class JsonOperation
{
    public static Task<TResponse> SendAsync<TRequest, TResponse>(BedrockHttpPipeline pipeline, OperationDescriptor operation,
        TRequest request, JsonTypeInfo<TRequest> requestInfo, JsonTypeInfo<TResponse> responseInfo, CancellationToken cancellationToken)
        where TResponse : new()
    {
        var body = operation.HasJsonBody ? JsonSerializer.SerializeToUtf8Bytes(request, requestInfo) : null;
        return pipeline.SendAsync(operation, request as IHttpBoundRequest, body, async (response, token) =>
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
            if (bytes.Length == 0)
            {
                // Operations with an empty output structure may answer with no body at all.
                return new TResponse();
            }

            return JsonSerializer.Deserialize(bytes, responseInfo) ?? new TResponse();
        }, cancellationToken);
    }
}
