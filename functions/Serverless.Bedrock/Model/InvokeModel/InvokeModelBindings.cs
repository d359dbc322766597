namespace Serverless.Bedrock.Model;

/// <summary>The two InvokeModel inputs bind the same member names; one lookup serves both.</summary>
internal static class InvokeModelBindings
{
    public static string? Get(string member, string modelId, string? contentType, string? accept, string? trace,
        string? guardrailIdentifier, string? guardrailVersion, string? latency, string? serviceTier, string? metadata) =>
        member switch
        {
            "modelId" => modelId,
            "contentType" => contentType ?? "application/json",
            "accept" => accept,
            "trace" => trace,
            "guardrailIdentifier" => guardrailIdentifier,
            "guardrailVersion" => guardrailVersion,
            "performanceConfigLatency" => latency,
            "serviceTier" => serviceTier,
            "requestMetadata" => metadata,
            _ => null,
        };
}
