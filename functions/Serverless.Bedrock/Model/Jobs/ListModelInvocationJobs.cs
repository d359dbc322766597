using System.Text.Json;
using System.Text.Json.Serialization;
using Serverless.Bedrock.Http;

namespace Serverless.Bedrock.Model;

/// <summary>Input of ListModelInvocationJobs: <c>GET /model-invocation-jobs</c>; every member is a query parameter.</summary>
public sealed class ListModelInvocationJobsRequest : IHttpBoundRequest
{
    [JsonIgnore]
    public DateTimeOffset? SubmitTimeAfter { get; set; }

    [JsonIgnore]
    public DateTimeOffset? SubmitTimeBefore { get; set; }

    [JsonIgnore]
    public string? StatusEquals { get; set; }

    [JsonIgnore]
    public string? NameContains { get; set; }

    /// <summary>1 to 1000.</summary>
    [JsonIgnore]
    public int? MaxResults { get; set; }

    [JsonIgnore]
    public string? NextToken { get; set; }

    /// <summary>CreationTime.</summary>
    [JsonIgnore]
    public string? SortBy { get; set; }

    /// <summary>Ascending or Descending.</summary>
    [JsonIgnore]
    public string? SortOrder { get; set; }

    string? IHttpBoundRequest.GetBoundValue(string member) => member switch
    {
        "submitTimeAfter" => WireFormat.Timestamp(SubmitTimeAfter),
        "submitTimeBefore" => WireFormat.Timestamp(SubmitTimeBefore),
        "statusEquals" => StatusEquals,
        "nameContains" => NameContains,
        "maxResults" => WireFormat.Integer(MaxResults),
        "nextToken" => NextToken,
        "sortBy" => SortBy,
        "sortOrder" => SortOrder,
        _ => null,
    };
}

public sealed class ListModelInvocationJobsResponse
{
    public string? NextToken { get; set; }

    public List<ModelInvocationJobSummary>? InvocationJobSummaries { get; set; }
}

public sealed class ModelInvocationJobSummary
{
    public string JobArn { get; set; } = "";

    public string JobName { get; set; } = "";

    public string ModelId { get; set; } = "";

    public string? ClientRequestToken { get; set; }

    public string RoleArn { get; set; } = "";

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
