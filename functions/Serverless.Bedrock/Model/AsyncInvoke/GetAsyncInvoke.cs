using System.Text.Json.Serialization;
using Serverless.Bedrock.Http;

namespace Serverless.Bedrock.Model;

/// <summary>Input of GetAsyncInvoke: <c>GET /async-invoke/{invocationArn}</c>.</summary>
public sealed class GetAsyncInvokeRequest : IHttpBoundRequest
{
    [JsonIgnore]
    public string InvocationArn { get; set; } = "";

    string? IHttpBoundRequest.GetBoundValue(string member) => member == "invocationArn" ? InvocationArn : null;
}

public sealed class GetAsyncInvokeResponse
{
    public string InvocationArn { get; set; } = "";

    public string ModelArn { get; set; } = "";

    public string? ClientRequestToken { get; set; }

    /// <summary>InProgress, Completed or Failed.</summary>
    public string Status { get; set; } = "";

    public string? FailureMessage { get; set; }

    public DateTimeOffset SubmitTime { get; set; }

    public DateTimeOffset? LastModifiedTime { get; set; }

    public DateTimeOffset? EndTime { get; set; }

    public AsyncInvokeOutputDataConfig OutputDataConfig { get; set; } = new();
}
