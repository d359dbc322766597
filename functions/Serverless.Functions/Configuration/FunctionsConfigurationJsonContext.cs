using System.Text.Json.Serialization;

namespace Serverless.Functions.Configuration;

/// <summary>Source-generated JSON of the per-model capabilities variable: camelCase, enums as strings, unknown members refused.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Dictionary<string, ModelCapabilities>))]
internal sealed partial class FunctionsConfigurationJsonContext : JsonSerializerContext;
