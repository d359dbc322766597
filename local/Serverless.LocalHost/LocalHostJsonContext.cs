using System.Text.Json.Serialization;

namespace Serverless.LocalHost;

[JsonSerializable(typeof(string))]
internal sealed partial class LocalHostJsonContext : JsonSerializerContext;
