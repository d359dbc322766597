using System.Text.Json.Serialization;

namespace Serverless.Schemas.Evaluation;

/// <summary>Source-generated serialization for the few values messages quote (AOT-safe).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class SchemaJsonContext : JsonSerializerContext;
