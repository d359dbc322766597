using System.Text.Json;
using System.Text.Json.Serialization;
using Serverless.Bedrock.Http;

namespace Serverless.Bedrock.Model;

/// <summary>Input of GetModelInvocationJob: <c>GET /model-invocation-job/{jobIdentifier}</c>.</summary>
public sealed class GetModelInvocationJobRequest : IHttpBoundRequest
{
    /// <summary>The job ARN or its 12-character id.</summary>
    [JsonIgnore]
    public string JobIdentifier { get; set; } = "";

    string? IHttpBoundRequest.GetBoundValue(string member) => member == "jobIdentifier" ? JobIdentifier : null;
}

/// <summary>GetModelInvocationJob's output; the list operation returns the same members per job.</summary>
public sealed class GetModelInvocationJobResponse
{
    public string JobArn { get; set; } = "";

    public string? JobName { get; set; }

    public string ModelId { get; set; } = "";

    public string? ClientRequestToken { get; set; }

    public string RoleArn { get; set; } = "";

    /// <summary>Submitted, Validating, Scheduled, InProgress, Completed, PartiallyCompleted, Failed, Stopping, Stopped, Expired.</summary>
    public string? Status { get; set; }

    public string? Message { get; set; }

    public DateTimeOffset SubmitTime { get; set; }

    public DateTimeOffset? LastModifiedTime { get; set; }

    public DateTimeOffset? EndTime { get; set; }

    public ModelInvocationJobInputDataConfig InputDataConfig { get; set; } = new();

    public ModelInvocationJobOutputDataConfig OutputDataConfig { get; set; } = new();

    public VpcConfig? VpcConfig { get; set; }

    public int? TimeoutDurationInHours { get; set; }

    public DateTimeOffset? JobExpirationTime { get; set; }

    public string? ModelInvocationType { get; set; }

    public long? TotalRecordCount { get; set; }

    public long? ProcessedRecordCount { get; set; }

    public long? SuccessRecordCount { get; set; }

    public long? ErrorRecordCount { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>Values of the <c>ModelInvocationJobStatus</c> enum.</summary>
public static class ModelInvocationJobStatus
{
    public const string Submitted = "Submitted";
    public const string Validating = "Validating";
    public const string Scheduled = "Scheduled";
    public const string InProgress = "InProgress";
    public const string Completed = "Completed";
    public const string PartiallyCompleted = "PartiallyCompleted";
    public const string Failed = "Failed";
    public const string Stopping = "Stopping";
    public const string Stopped = "Stopped";
    public const string Expired = "Expired";
}
