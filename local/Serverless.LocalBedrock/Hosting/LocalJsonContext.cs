using System.Text.Json.Serialization;

namespace Serverless.LocalBedrock.Hosting;

/// <summary>Source-generated JSON for the /_local endpoints.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(LocalBedrockStats))]
internal sealed partial class LocalJsonContext : JsonSerializerContext;
