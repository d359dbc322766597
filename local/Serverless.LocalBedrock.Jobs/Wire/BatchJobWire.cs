using System.Text.Json.Serialization;

namespace Serverless.LocalBedrock.Jobs.Wire;

// Shapes of the Bedrock control plane (bedrock 2023-04-20) for model invocation jobs; member names as the model spells them.

public sealed record CreateModelInvocationJobRequest
{
    public string? JobName { get; init; }

    public string? RoleArn { get; init; }

    public string? ClientRequestToken { get; init; }

    public string? ModelId { get; init; }

    public ModelInvocationJobInputDataConfig? InputDataConfig { get; init; }

    public ModelInvocationJobOutputDataConfig? OutputDataConfig { get; init; }

    public VpcConfig? VpcConfig { get; init; }

    public int? TimeoutDurationInHours { get; init; }

    public List<Tag>? Tags { get; init; }

    public string? ModelInvocationType { get; init; }
}

public sealed record CreateModelInvocationJobResponse(string JobArn);

public sealed record ModelInvocationJobInputDataConfig
{
    public ModelInvocationJobS3InputDataConfig? S3InputDataConfig { get; init; }
}

public sealed record ModelInvocationJobS3InputDataConfig
{
    public string? S3InputFormat { get; init; }

    public string? S3Uri { get; init; }

    public string? S3BucketOwner { get; init; }
}

public sealed record ModelInvocationJobOutputDataConfig
{
    public ModelInvocationJobS3OutputDataConfig? S3OutputDataConfig { get; init; }
}

public sealed record ModelInvocationJobS3OutputDataConfig
{
    public string? S3Uri { get; init; }

    public string? S3EncryptionKeyId { get; init; }

    public string? S3BucketOwner { get; init; }
}

public sealed record VpcConfig
{
    public List<string>? SubnetIds { get; init; }

    public List<string>? SecurityGroupIds { get; init; }
}

public sealed record Tag
{
    public string? Key { get; init; }

    public string? Value { get; init; }
}

/// <summary>GetModelInvocationJob's response; ListModelInvocationJobs' summaries have the same members.</summary>
public sealed record ModelInvocationJobDescription
{
    public required string JobArn { get; init; }

    public required string JobName { get; init; }

    public required string ModelId { get; init; }

    public string? ClientRequestToken { get; init; }

    public required string RoleArn { get; init; }

    public required string Status { get; init; }

    public string? Message { get; init; }

    [JsonConverter(typeof(IsoTimestampConverter))]
    public required DateTimeOffset SubmitTime { get; init; }

    [JsonConverter(typeof(IsoTimestampConverter))]
    public DateTimeOffset? LastModifiedTime { get; init; }

    [JsonConverter(typeof(IsoTimestampConverter))]
    public DateTimeOffset? EndTime { get; init; }

    public required ModelInvocationJobInputDataConfig InputDataConfig { get; init; }

    public required ModelInvocationJobOutputDataConfig OutputDataConfig { get; init; }

    public VpcConfig? VpcConfig { get; init; }

    public int? TimeoutDurationInHours { get; init; }

    [JsonConverter(typeof(IsoTimestampConverter))]
    public DateTimeOffset? JobExpirationTime { get; init; }

    public string? ModelInvocationType { get; init; }

    public long? TotalRecordCount { get; init; }

    public long? ProcessedRecordCount { get; init; }

    public long? SuccessRecordCount { get; init; }

    public long? ErrorRecordCount { get; init; }
}

public sealed record ListModelInvocationJobsResponse(List<ModelInvocationJobDescription> InvocationJobSummaries, string? NextToken);

public sealed record StopModelInvocationJobResponse;

/// <summary>The manifest.json.out Bedrock writes beside the outputs of a batch job.</summary>
public sealed record BatchOutputManifest(
    long TotalRecordCount,
    long ProcessedRecordCount,
    long SuccessRecordCount,
    long ErrorRecordCount,
    long InputTokenCount,
    long OutputTokenCount);
