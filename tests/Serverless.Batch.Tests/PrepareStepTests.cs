using System.Text;
using System.Text.Json;
using Serverless.Batch.Contracts;
using Serverless.Batch.Pending;
using Serverless.Batch.Prepare;
using Serverless.Batch.Storage;
using Serverless.TestSupport;

namespace Serverless.Batch.Tests;

public sealed class PrepareStepTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly InMemoryBatchObjectStore _store = new();

    private PrepareStep Step(BatchLimits? limits = null) => new(_store, new InMemoryPendingBatchStore(),
        new BatchSettings { WorkPrefix = "s3://batch-bucket/", Limits = limits ?? BatchLimits.Bedrock }, new ManualTimeProvider(), new Random(1));

    private async Task<PrepareOutput> PrepareAsync(string jsonl, BatchLimits? limits = null)
    {
        await _store.PutAsync(new S3Location("in", "input.jsonl"), Encoding.UTF8.GetBytes(jsonl), Token);
        return await Step(limits).HandleAsync(new PrepareInput { BatchId = "b1", ModelId = Records.Model, InputUri = "s3://in/input.jsonl" }, Token);
    }

    private async Task<List<string>> LinesAsync(string uri)
    {
        await using var stream = await _store.OpenReadAsync(S3Location.Parse(uri, "uri"), Token);
        using var reader = new StreamReader(stream!);
        return (await reader.ReadToEndAsync(Token)).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    [Theory]
    [InlineData("{\"recordId\":\"a\"}", "line 1: modelInput: is required.")]
    [InlineData("{\"recordId\":7,\"modelInput\":{}}", "line 1: recordId: must be a string (was a number).")]
    [InlineData("{\"modelInput\":[1]}", "line 1: modelInput: must be a JSON object (was an array).")]
    [InlineData("{\"modelInput\":{}} trailing", "line 1: record: is not valid JSON")]
    [InlineData("[1,2]", "line 1: record: must be a JSON object.")]
    [InlineData("{\"modelInput\":{},\"extra\":1}", "line 1: extra: is not a member of a batch record")]
    [InlineData("{\"recordId\":\"x\",\"modelInput\":{}}\n\n{\"recordId\":\"x\",\"modelInput\":{}}", "line 3: recordId: 'x' appears more than once in batch 'b1'.")]
    [InlineData("{\"recordId\":\"a#b\",\"modelInput\":{}}", "line 1: recordId: must not contain control characters or '#'.")]
    public async Task Invalid_records_are_rejected_naming_the_line_and_the_field(string jsonl, string expected)
    {
        var error = await Assert.ThrowsAsync<BatchInputException>(async () => await PrepareAsync(jsonl));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("s3://in/input.jsonl line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_recordIds_are_kept_missing_ones_assigned_and_lines_copied_as_they_are()
    {
        var given = "{\"recordId\":\"keep-me\",\"modelInput\":{\"max_tokens\":3}}";
        var jsonl = "\uFEFF" + given + "\r\n" + string.Join("\n", Enumerable.Range(0, 149).Select(i => $"{{\"modelInput\":{{\"n\":{i}}}}}"));

        var output = await PrepareAsync(jsonl);

        var shard = Assert.Single(output.Shards);
        var lines = await LinesAsync(shard.InputUri);
        Assert.Equal(150, lines.Count);
        Assert.Equal(given, lines[0]);
        Assert.Equal("{\"recordId\":\"auto-000000002\",\"modelInput\":{\"n\":0}}", lines[1]);
        Assert.Equal(150, output.Run!.Submitted);
        Assert.Equal(shard.ClientRequestToken, JobNaming.ClientRequestToken(output.Run.RunId, shard.ShardId));
    }

    [Fact]
    public async Task Shards_respect_the_record_limit_and_stay_above_the_minimum()
    {
        var limits = new BatchLimits { MinRecordsPerJob = 10, MaxRecordsPerJob = 40 };

        var output = await PrepareAsync(Encoding.UTF8.GetString(Records.Jsonl(Records.Ids(100))), limits);

        Assert.Equal([34L, 34L, 32L], output.Shards.Select(s => s.RecordCount));
        var all = new List<string>();
        foreach (var shard in output.Shards)
        {
            all.AddRange((await LinesAsync(shard.InputUri)).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("recordId").GetString()!));
        }

        Assert.Equal(Records.Ids(100), all);
    }

    [Fact]
    public async Task Shards_respect_the_byte_limit()
    {
        var jsonl = Encoding.UTF8.GetString(Records.Jsonl(Records.Ids(60)));
        var lineBytes = jsonl.Split('\n')[0].Length + 1;
        var limits = new BatchLimits { MinRecordsPerJob = 5, MaxRecordsPerJob = 1000, MaxBytesPerFile = lineBytes * 25 };

        var output = await PrepareAsync(jsonl, limits);

        Assert.All(output.Shards, s => Assert.True(s.Bytes <= limits.MaxBytesPerFile, $"{s.ShardId}: {s.Bytes} bytes"));
        Assert.Equal(60, output.Shards.Sum(s => s.RecordCount));
        Assert.True(output.Shards.Count >= 3);
    }

    [Fact]
    public async Task Fewer_records_than_a_job_needs_go_to_the_on_demand_file()
    {
        var output = await PrepareAsync(Encoding.UTF8.GetString(Records.Jsonl(Records.Ids(99))));

        Assert.Empty(output.Shards);
        Assert.Equal(99, output.OnDemand.Remaining);
        var lines = await LinesAsync(output.Run!.Prefix + "ondemand.jsonl");
        Assert.Equal(99, lines.Count);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("b1", first.RootElement.GetProperty("batchId").GetString());
        Assert.Equal(Records.Model, first.RootElement.GetProperty("modelId").GetString());
    }

    [Fact]
    public async Task Inline_records_errors_name_the_item()
    {
        var input = new PrepareInput
        {
            BatchId = "b2",
            ModelId = Records.Model,
            Records = [JsonDocument.Parse("{\"modelInput\":{}}").RootElement, JsonDocument.Parse("{\"recordId\":\"\",\"modelInput\":{}}").RootElement],
        };

        var error = await Assert.ThrowsAsync<BatchInputException>(async () => await Step().HandleAsync(input, Token));

        Assert.Equal("records[1]: recordId: must have 1 to 256 characters (had 0).", error.Message);
    }

    [Theory]
    [InlineData(null, "m", "s3://a/b", "batchId: is required.")]
    [InlineData("bad id", "m", "s3://a/b", "batchId: 'bad id' must be")]
    [InlineData("b", null, "s3://a/b", "modelId: is required.")]
    [InlineData("b", "m", "http://a/b", "inputUri: 'http://a/b' is not an s3://bucket/key URI.")]
    [InlineData("b", "m", "s3://in/none.jsonl", "inputUri: s3://in/none.jsonl does not exist.")]
    public async Task Bad_requests_name_the_field(string? batchId, string? modelId, string inputUri, string expected)
    {
        var error = await Assert.ThrowsAsync<BatchInputException>(async () =>
            await Step().HandleAsync(new PrepareInput { BatchId = batchId, ModelId = modelId, InputUri = inputUri }, Token));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }
}
