using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.LocalBedrock.Jobs.Wire;

// Shapes of the Bedrock runtime (bedrock-runtime 2023-09-30) for asynchronous invocation.

public sealed record StartAsyncInvokeRequest
{
    public string? ClientRequestToken { get; init; }

    public string? ModelId { get; init; }

    public JsonElement? ModelInput { get; init; }

    public AsyncInvokeOutputDataConfig? OutputDataConfig { get; init; }

    public List<Tag>? Tags { get; init; }
}

public sealed record StartAsyncInvokeResponse(string InvocationArn);

public sealed record AsyncInvokeOutputDataConfig
{
    public AsyncInvokeS3OutputDataConfig? S3OutputDataConfig { get; init; }
}

public sealed record AsyncInvokeS3OutputDataConfig
{
    public string? S3Uri { get; init; }

    public string? KmsKeyId { get; init; }

    public string? BucketOwner { get; init; }
}

/// <summary>GetAsyncInvoke's response; ListAsyncInvokes' summaries have the same members.</summary>
public sealed record AsyncInvokeDescription
{
    public required string InvocationArn { get; init; }

    public required string ModelArn { get; init; }

    public string? ClientRequestToken { get; init; }

    public required string Status { get; init; }

    public string? FailureMessage { get; init; }

    [JsonConverter(typeof(IsoTimestampConverter))]
    public required DateTimeOffset SubmitTime { get; init; }

    [JsonConverter(typeof(IsoTimestampConverter))]
    public DateTimeOffset? LastModifiedTime { get; init; }

    [JsonConverter(typeof(IsoTimestampConverter))]
    public DateTimeOffset? EndTime { get; init; }

    public required AsyncInvokeOutputDataConfig OutputDataConfig { get; init; }
}

public sealed record ListAsyncInvokesResponse(List<AsyncInvokeDescription> AsyncInvokeSummaries, string? NextToken);
