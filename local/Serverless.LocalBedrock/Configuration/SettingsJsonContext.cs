using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.LocalBedrock.Configuration;

/// <summary>Source-generated (de)serialisation of the settings; unknown members are errors so a typo in a config file is caught.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(LocalBedrockSettings))]
[JsonSerializable(typeof(Dictionary<string, FaultSettings>))]
internal sealed partial class SettingsJsonContext : JsonSerializerContext;
