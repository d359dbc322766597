using System.Text.Json.Nodes;

namespace Serverless.Infra.Tests.Support;

/// <summary>
/// The cdk.json context the tests synthesize from: an on-demand model and a cross-Region inference profile that
/// counts tokens, in one environment "test". Each call returns a fresh copy to change.
/// </summary>
public static class InfraContext
{
    public const string OnDemandModel = "anthropic.claude-3-haiku-20240307-v1:0";
    public const string ProfileModel = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    public const string ProfileFoundationModel = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    public static readonly string[] ProfileRegions = ["us-east-1", "us-east-2", "us-west-2"];

    public const string Environment = "test";

    public static JsonObject Default() => (JsonObject)JsonNode.Parse(
        $$"""
        {
          "deployMode": "composite",
          "models": {
            "{{OnDemandModel}}": {
              "quota": { "requestsPerMinute": 1000, "tokensPerMinute": 2000000 },
              "capabilities": { "defaultMaxTokens": 4096, "structuredOutput": "ToolUse" },
              "batchJobs": 20
            },
            "{{ProfileModel}}": {
              "quota": { "requestsPerMinute": 200, "tokensPerMinute": 200000, "outputTokenBurndown": 5 },
              "capabilities": { "structuredOutput": "Native", "countTokens": true },
              "inferenceProfile": { "foundationModel": "{{ProfileFoundationModel}}", "regions": ["us-east-1", "us-east-2", "us-west-2"] }
            }
          },
          "quota": { "failureMode": "FailClosed" },
          "environments": { "{{Environment}}": { "retainData": false } }
        }
        """)!;

    public static JsonObject With(Action<JsonObject> change)
    {
        var context = Default();
        change(context);
        return context;
    }
}
