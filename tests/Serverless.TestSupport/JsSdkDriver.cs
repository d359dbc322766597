using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serverless.TestSupport;

/// <summary>
/// Runs calls through the official AWS SDK for JavaScript v3 (tests/js-sdk/bedrock-sdk-driver.mjs) against an
/// endpoint, so tests can show that the real client accepts what a server sends.
/// </summary>
public sealed class JsSdkDriver(Uri endpoint, Uri? h2cEndpoint = null)
{
    private const string Script = "tests/js-sdk/bedrock-sdk-driver.mjs";

    public int MaxAttempts { get; init; } = 1;

    public string AccessKeyId { get; init; } = "AKIDLOCAL";

    public string SecretAccessKey { get; init; } = "local-secret";

    public async Task<IReadOnlyList<JsSdkResult>> RunAsync(IEnumerable<JsSdkCall> calls, CancellationToken cancellationToken)
    {
        var spec = new JsonObject
        {
            ["endpoint"] = endpoint.ToString().TrimEnd('/'),
            ["h2cEndpoint"] = h2cEndpoint?.ToString().TrimEnd('/'),
            ["region"] = "us-east-1",
            ["maxAttempts"] = MaxAttempts,
            ["credentials"] = new JsonObject { ["accessKeyId"] = AccessKeyId, ["secretAccessKey"] = SecretAccessKey },
            ["calls"] = new JsonArray(calls.Select(c => (JsonNode)new JsonObject
            {
                ["client"] = c.Client,
                ["op"] = c.Operation,
                ["input"] = c.Input.DeepClone(),
            }).ToArray()),
        };
        var stdout = await NodeScript.RunAsync(Script, spec.ToJsonString(), TimeSpan.FromMinutes(2), cancellationToken);
        var results = JsonNode.Parse(stdout)!["results"]!.AsArray();
        return results.Select(r => new JsSdkResult(r!.AsObject())).ToList();
    }

    public async Task<JsSdkResult> RunAsync(JsSdkCall call, CancellationToken cancellationToken)
        => (await RunAsync([call], cancellationToken))[0];
}

/// <summary>One SDK call: <paramref name="Client"/> is "runtime" (bedrock-runtime) or "control" (bedrock).</summary>
public sealed record JsSdkCall(string Client, string Operation, JsonObject Input)
{
    public static JsSdkCall Runtime(string operation, JsonObject input) => new("runtime", operation, input);

    public static JsSdkCall Control(string operation, JsonObject input) => new("control", operation, input);
}

/// <summary>What the SDK returned: the output (or error) and, for streams, every event in order.</summary>
public sealed class JsSdkResult(JsonObject raw)
{
    public bool Ok => raw["ok"]!.GetValue<bool>();

    public JsonObject Output => raw["output"]?.AsObject() ?? throw new InvalidOperationException("call failed: " + raw.ToJsonString());

    public JsonArray Events => raw["events"]?.AsArray() ?? throw new InvalidOperationException("no events: " + raw.ToJsonString());

    public JsonObject Error => raw["error"]?.AsObject() ?? throw new InvalidOperationException("call succeeded: " + raw.ToJsonString());

    public string? ErrorName => raw["error"]?["name"]?.GetValue<string>();

    public int? Attempts => raw["attempts"]?.GetValue<int?>();

    public int? HttpStatus => raw["httpStatus"]?.GetValue<int?>();

    public override string ToString() => raw.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
