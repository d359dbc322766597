using System.Text.Json.Serialization;

namespace Serverless.Lambda.RuntimeSupport;

/// <summary>Source-generated JSON for everything the runtime writes (no reflection: the executable is trimmed/AOT-compiled).</summary>
[JsonSerializable(typeof(HttpResponseStreamPrelude))]
[JsonSerializable(typeof(RuntimeErrorBody))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
