using System.Text;
using System.Text.Json.Nodes;
using Serverless.LocalBedrock.Hosting;
using Serverless.LocalBedrock.Jobs.Storage;
using Serverless.TestSupport;

namespace Serverless.Integration.Tests;

/// <summary>
/// Batch inference input and output for the job tests: the real 105-record Anthropic Messages file from the
/// serverless-patterns batch example, put into the server's object store, and readers of what the job wrote.
/// </summary>
internal static class BatchInput
{
    public const string RoleArn = "arn:aws:iam::123456789012:role/BedrockBatchRole";

    /// <summary>The records are Anthropic Messages bodies (anthropic_version bedrock-2023-05-31), so a Claude model runs them.</summary>
    public const string ModelId = SignedServer.Haiku3;

    public static string RealFilePath => RepoPaths.Fixture("bedrock-batch", "serverless-patterns-s3-bedrock-batch-inference-cdk", "input.jsonl");

    public static string[] RealRecordIds() => File.ReadLines(RealFilePath)
        .Where(l => l.Length > 0)
        .Select(l => JsonNode.Parse(l)!["recordId"]!.GetValue<string>())
        .ToArray();

    /// <summary>Puts the real file at <paramref name="inputUri"/> (a .jsonl key).</summary>
    public static async Task PutRealFileAsync(this LocalBedrockServer server, string inputUri, CancellationToken cancellationToken)
        => await server.ObjectStore.PutAsync(S3ObjectUri.Parse(inputUri), await File.ReadAllBytesAsync(RealFilePath, cancellationToken), cancellationToken);

    /// <summary>Puts the first <paramref name="count"/> records of the real file at <paramref name="inputUri"/>.</summary>
    public static Task PutFirstRecordsAsync(this LocalBedrockServer server, string inputUri, int count, CancellationToken cancellationToken)
    {
        var lines = File.ReadLines(RealFilePath).Where(l => l.Length > 0).Take(count);
        return server.ObjectStore.PutAsync(S3ObjectUri.Parse(inputUri), Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"), cancellationToken);
    }

    /// <summary>The lines of a job output object (<c>{outputUri}/{jobId}/{name}</c>), parsed.</summary>
    public static async Task<List<JsonNode>> ReadOutputLinesAsync(this LocalBedrockServer server, string outputUri, string jobArn, string name, CancellationToken cancellationToken)
    {
        var bytes = await server.ObjectStore.GetAsync(S3ObjectUri.Parse(outputUri).Append($"{JobId(jobArn)}/{name}"), cancellationToken);
        Assert.True(bytes is not null, $"{name} was not written under {outputUri}/{JobId(jobArn)}/");
        return Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
    }

    /// <summary>Checks a job's .jsonl.out and manifest: every record once, each with an Anthropic-shaped modelOutput.</summary>
    public static async Task AssertCompleteOutputAsync(this LocalBedrockServer server, string outputUri, string jobArn, CancellationToken cancellationToken)
    {
        var lines = await server.ReadOutputLinesAsync(outputUri, jobArn, "input.jsonl.out", cancellationToken);
        var expectedIds = RealRecordIds();
        Assert.Equal(105, expectedIds.Length);
        Assert.Equal(expectedIds, lines.Select(l => (string)l["recordId"]!));
        Assert.All(lines, line =>
        {
            Assert.Null(line["error"]);
            Assert.Equal("bedrock-2023-05-31", (string?)line["modelInput"]!["anthropic_version"]);
            var output = line["modelOutput"]!;
            Assert.Equal("message", (string?)output["type"]);
            Assert.Equal("assistant", (string?)output["role"]);
            Assert.Equal("text", (string?)output["content"]![0]!["type"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)output["content"]![0]!["text"]));
            Assert.True((int)output["usage"]!["input_tokens"]! > 0);
        });

        var manifest = Assert.Single(await server.ReadOutputLinesAsync(outputUri, jobArn, "manifest.json.out", cancellationToken));
        Assert.Equal(105, (int)manifest["totalRecordCount"]!);
        Assert.Equal(105, (int)manifest["processedRecordCount"]!);
        Assert.Equal(105, (int)manifest["successRecordCount"]!);
        Assert.Equal(0, (int)manifest["errorRecordCount"]!);
        Assert.Equal(lines.Sum(l => (long)l["modelOutput"]!["usage"]!["input_tokens"]!), (long)manifest["inputTokenCount"]!);
        Assert.Equal(lines.Sum(l => (long)l["modelOutput"]!["usage"]!["output_tokens"]!), (long)manifest["outputTokenCount"]!);
    }

    public static string JobId(string jobArn) => jobArn[(jobArn.LastIndexOf('/') + 1)..];
}
