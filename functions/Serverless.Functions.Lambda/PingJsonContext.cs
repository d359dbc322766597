using System.Text.Json.Serialization;

namespace Serverless.Functions.Lambda;

/// <summary>Source-generated JSON for the executable's own replies (no reflection: the executable is trimmed/AOT-compiled).</summary>
[JsonSerializable(typeof(PingReply))]
internal sealed partial class PingJsonContext : JsonSerializerContext;
