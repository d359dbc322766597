namespace Serverless.Bedrock.Http;

/// <summary>
/// A request whose members are partly bound to the URI path, headers or query string. The operation table
/// (<see cref="BedrockOperations"/>) names the members; the request hands out their wire values by name, so the
/// table, checked against the service models in tests, is what decides where each value goes.
/// </summary>
internal interface IHttpBoundRequest
{
    /// <summary>The member's value formatted for the wire, or null when unset.</summary>
    string? GetBoundValue(string member);
}
