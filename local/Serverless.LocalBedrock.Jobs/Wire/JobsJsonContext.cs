using System.Text.Json.Serialization;

namespace Serverless.LocalBedrock.Jobs.Wire;

/// <summary>Source-generated (reflection-free) JSON for every wire type of the jobs endpoints.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = false,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(CreateModelInvocationJobRequest))]
[JsonSerializable(typeof(CreateModelInvocationJobResponse))]
[JsonSerializable(typeof(ModelInvocationJobDescription))]
[JsonSerializable(typeof(ListModelInvocationJobsResponse))]
[JsonSerializable(typeof(StopModelInvocationJobResponse))]
[JsonSerializable(typeof(BatchOutputManifest))]
[JsonSerializable(typeof(StartAsyncInvokeRequest))]
[JsonSerializable(typeof(StartAsyncInvokeResponse))]
[JsonSerializable(typeof(AsyncInvokeDescription))]
[JsonSerializable(typeof(ListAsyncInvokesResponse))]
public sealed partial class JobsJsonContext : JsonSerializerContext;
