using System.Text.Json.Serialization;

namespace Serverless.Lambda.RuntimeSupport;

/// <summary>Source-generated JSON for everything the runtime reads and writes (no reflection: the executable is trimmed/AOT-compiled).</summary>
[JsonSerializable(typeof(HttpResponseStreamPrelude))]
[JsonSerializable(typeof(RuntimeErrorBody))]
[JsonSerializable(typeof(RuntimeApiErrorDocument))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
