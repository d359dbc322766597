using System.Text.Json.Serialization;

namespace Serverless.Quota;

/// <summary>Source-generated (trim/AOT-safe) JSON for quota configuration: camelCase, comments and trailing commas allowed, unknown fields rejected so a typo names itself.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    UseStringEnumConverter = true,
    WriteIndented = true)]
[JsonSerializable(typeof(QuotaLedgerOptions))]
internal sealed partial class QuotaConfigurationJsonContext : JsonSerializerContext;
