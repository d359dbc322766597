using System.Text.Json.Serialization;

namespace Serverless.Functions.Http;

/// <summary>Source-generated (AOT-safe) JSON of the payload 2.0 event and response: camelCase, nulls omitted, unknown members ignored.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(HttpApiRequest))]
[JsonSerializable(typeof(HttpApiResponse))]
public sealed partial class HttpApiJsonContext : JsonSerializerContext;
