using System.Text.Json.Serialization;
using Serverless.Bedrock.Http;

namespace Serverless.Bedrock.Model;

/// <summary>Input of StopModelInvocationJob: <c>POST /model-invocation-job/{jobIdentifier}/stop</c>.</summary>
public sealed class StopModelInvocationJobRequest : IHttpBoundRequest
{
    [JsonIgnore]
    public string JobIdentifier { get; set; } = "";

    string? IHttpBoundRequest.GetBoundValue(string member) => member == "jobIdentifier" ? JobIdentifier : null;
}

/// <summary>An empty structure.</summary>
public sealed class StopModelInvocationJobResponse;
