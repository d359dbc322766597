using System.Text.Json;

namespace Serverless.TestSupport;

/// <summary>An error posted to /runtime/init/error.</summary>
public sealed record RecordedInitError(string? ErrorType, byte[] Body)
{
    public JsonElement BodyJson() => JsonDocument.Parse(Body).RootElement.Clone();
}
