using System.Text.Json.Serialization;
using Serverless.Bedrock.Http;

namespace Serverless.Bedrock.Model;

/// <summary>Input of ListAsyncInvokes: <c>GET /async-invoke</c>; every member is a query parameter.</summary>
public sealed class ListAsyncInvokesRequest : IHttpBoundRequest
{
    [JsonIgnore]
    public DateTimeOffset? SubmitTimeAfter { get; set; }

    [JsonIgnore]
    public DateTimeOffset? SubmitTimeBefore { get; set; }

    /// <summary>InProgress, Completed or Failed.</summary>
    [JsonIgnore]
    public string? StatusEquals { get; set; }

    /// <summary>1 to 1000.</summary>
    [JsonIgnore]
    public int? MaxResults { get; set; }

    [JsonIgnore]
    public string? NextToken { get; set; }

    /// <summary>SubmissionTime.</summary>
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
        "maxResults" => WireFormat.Integer(MaxResults),
        "nextToken" => NextToken,
        "sortBy" => SortBy,
        "sortOrder" => SortOrder,
        _ => null,
    };
}

public sealed class ListAsyncInvokesResponse
{
    public string? NextToken { get; set; }

    public List<AsyncInvokeSummary>? AsyncInvokeSummaries { get; set; }
}

public sealed class AsyncInvokeSummary
{
    public string InvocationArn { get; set; } = "";

    public string ModelArn { get; set; } = "";

    public string? ClientRequestToken { get; set; }

    public string? Status { get; set; }

    public string? FailureMessage { get; set; }

    public DateTimeOffset SubmitTime { get; set; }

    public DateTimeOffset? LastModifiedTime { get; set; }

    public DateTimeOffset? EndTime { get; set; }

    public AsyncInvokeOutputDataConfig OutputDataConfig { get; set; } = new();
}
