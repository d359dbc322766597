using Serverless.Bedrock.Model;

namespace Serverless.Bedrock.Validation;

/// <summary>Checks InvokeModel, InvokeModelWithResponseStream and the async-invoke operations.</summary>
internal static class InvokeValidator
{
    private const int MaxBodyBytes = 25_000_000;

    public static void Validate(InvokeModelRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Headers(request.ModelId, request.Body, request.Trace, request.GuardrailVersion, request.PerformanceConfigLatency,
            request.ServiceTier, request.RequestMetadata, request.GuardrailIdentifier);
    }

    public static void Validate(InvokeModelWithResponseStreamRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Headers(request.ModelId, request.Body, request.Trace, request.GuardrailVersion, request.PerformanceConfigLatency,
            request.ServiceTier, request.RequestMetadata, request.GuardrailIdentifier);
    }

    public static void Validate(StartAsyncInvokeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check.Length(request.ClientRequestToken, "clientRequestToken", 1, 256);
        Check.Matches(request.ClientRequestToken, "clientRequestToken", Patterns.AsyncInvokeIdempotencyToken(), "printable ASCII without spaces");
        Check.Required(request.ModelId, "modelId");
        Check.Length(request.ModelId, "modelId", 1, 256);
        Check.Matches(request.ModelId, "modelId", Patterns.FoundationModelVersionIdentifier(), "a model id or ARN");
        Check.Document(request.ModelInput, "modelInput");
        Check.Required(request.OutputDataConfig, "outputDataConfig");
        Check.ExactlyOne("outputDataConfig", request.OutputDataConfig.S3OutputDataConfig);
        var s3 = request.OutputDataConfig.S3OutputDataConfig!;
        Check.S3Uri(s3.S3Uri, "outputDataConfig.s3OutputDataConfig.s3Uri");
        Check.Length(s3.KmsKeyId, "outputDataConfig.s3OutputDataConfig.kmsKeyId", 1, 2048);
        Check.Matches(s3.BucketOwner, "outputDataConfig.s3OutputDataConfig.bucketOwner", Patterns.AccountId(), "a 12-digit account id");
        TagValidator.Validate(request.Tags);
    }

    public static void Validate(GetAsyncInvokeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check.Required(request.InvocationArn, "invocationArn");
        Check.Length(request.InvocationArn, "invocationArn", 1, 2048);
        Check.Matches(request.InvocationArn, "invocationArn", Patterns.InvocationArn(), "an async-invoke ARN");
    }

    public static void Validate(ListAsyncInvokesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check.Range(request.MaxResults, "maxResults", 1, 1000);
        Check.Length(request.NextToken, "nextToken", 1, 2048);
        Check.OneOf(request.StatusEquals, "statusEquals", "InProgress", "Completed", "Failed");
        Check.OneOf(request.SortBy, "sortBy", "SubmissionTime");
        Check.OneOf(request.SortOrder, "sortOrder", "Ascending", "Descending");
    }

    private static void Headers(string modelId, ReadOnlyMemory<byte> body, string? trace, string? guardrailVersion,
        string? latency, string? serviceTier, string? requestMetadata, string? guardrailIdentifier)
    {
        Check.Required(modelId, "modelId");
        Check.Length(modelId, "modelId", 1, 2048);
        Check.Range(body.Length, "body (bytes)", 0, MaxBodyBytes);
        Check.OneOf(trace, "trace", "ENABLED", "DISABLED", "ENABLED_FULL");
        Check.Length(guardrailIdentifier, "guardrailIdentifier", 0, 2048);
        Check.Matches(guardrailVersion, "guardrailVersion", Patterns.GuardrailVersion(), "a version number or DRAFT");
        Check.OneOf(latency, "performanceConfigLatency", "standard", "optimized");
        Check.OneOf(serviceTier, "serviceTier", "priority", "default", "flex", "reserved");
        Check.Length(requestMetadata, "requestMetadata", 0, 8500);
    }
}
