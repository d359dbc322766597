using System.Text.Json.Serialization;
using Serverless.Bedrock.Model;

namespace Serverless.Bedrock.Json;

/// <summary>
/// Source-generated (AOT-safe) JSON metadata for every body this client sends or receives. Property names are the
/// model's member names (camelCase); unset members are omitted, as the official SDKs do. Public so a local Bedrock
/// host can read and write the same bodies.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ConverseRequest))]
[JsonSerializable(typeof(ConverseResponse))]
[JsonSerializable(typeof(ConverseStreamRequest))]
[JsonSerializable(typeof(MessageStartEvent))]
[JsonSerializable(typeof(ContentBlockStartEvent))]
[JsonSerializable(typeof(ContentBlockDeltaEvent))]
[JsonSerializable(typeof(ContentBlockStopEvent))]
[JsonSerializable(typeof(MessageStopEvent))]
[JsonSerializable(typeof(ConverseStreamMetadataEvent))]
[JsonSerializable(typeof(PayloadPart))]
[JsonSerializable(typeof(CountTokensRequest))]
[JsonSerializable(typeof(CountTokensResponse))]
[JsonSerializable(typeof(StartAsyncInvokeRequest))]
[JsonSerializable(typeof(StartAsyncInvokeResponse))]
[JsonSerializable(typeof(GetAsyncInvokeRequest))]
[JsonSerializable(typeof(GetAsyncInvokeResponse))]
[JsonSerializable(typeof(ListAsyncInvokesRequest))]
[JsonSerializable(typeof(ListAsyncInvokesResponse))]
[JsonSerializable(typeof(CreateModelInvocationJobRequest))]
[JsonSerializable(typeof(CreateModelInvocationJobResponse))]
[JsonSerializable(typeof(GetModelInvocationJobRequest))]
[JsonSerializable(typeof(GetModelInvocationJobResponse))]
[JsonSerializable(typeof(ListModelInvocationJobsRequest))]
[JsonSerializable(typeof(ListModelInvocationJobsResponse))]
[JsonSerializable(typeof(StopModelInvocationJobRequest))]
[JsonSerializable(typeof(StopModelInvocationJobResponse))]
public sealed partial class BedrockJsonContext : JsonSerializerContext;
