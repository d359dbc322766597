using System.Text.Json.Serialization;

namespace Serverless.Functions.Json;

/// <summary>Source-generated (AOT-safe) JSON of the functions' own response bodies: camelCase, enums as strings, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
[JsonSerializable(typeof(Serverless.Quota.QuotaStatus))]
[JsonSerializable(typeof(QuotaOverview))]
[JsonSerializable(typeof(AsyncInvokeStarted))]
[JsonSerializable(typeof(TokenCount))]
[JsonSerializable(typeof(BatchAccepted))]
[JsonSerializable(typeof(BatchStatus))]
[JsonSerializable(typeof(StructuredResult))]
internal sealed partial class FunctionsJsonContext : JsonSerializerContext;
