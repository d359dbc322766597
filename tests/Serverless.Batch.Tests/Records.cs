using System.Text;
using System.Text.Json.Nodes;

namespace Serverless.Batch.Tests;

/// <summary>Input JSONL for tests: Anthropic Messages bodies like the real sample's, with or without recordIds.</summary>
internal static class Records
{
    public const string Model = "anthropic.claude-3-haiku-20240307-v1:0";

    public static JsonObject ModelInput(int i) => new()
    {
        ["anthropic_version"] = "bedrock-2023-05-31",
        ["max_tokens"] = 64,
        ["messages"] = new JsonArray(new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = $"Summarize call number {i}: the customer asks about order {i * 7}." }),
        }),
    };

    public static IReadOnlyList<string> Ids(int count, string prefix = "REC") => Enumerable.Range(1, count).Select(i => $"{prefix}{i:D6}").ToList();

    public static byte[] Jsonl(IEnumerable<string> ids)
    {
        var builder = new StringBuilder();
        var i = 0;
        foreach (var id in ids)
        {
            builder.Append(new JsonObject { ["recordId"] = id, ["modelInput"] = ModelInput(++i) }.ToJsonString()).Append('\n');
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
