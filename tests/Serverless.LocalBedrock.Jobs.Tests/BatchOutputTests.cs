using System.Text.Json;
using Serverless.LocalBedrock.Jobs.Batch;
using Serverless.LocalBedrock.Jobs.Contracts;

namespace Serverless.LocalBedrock.Jobs.Tests;

public sealed class BatchOutputTests
{
    [Fact]
    public async Task The_105_record_fixture_yields_one_output_line_per_record_in_Bedrocks_format()
    {
        await using var harness = new JobsHarness();
        var arn = harness.Create("call-summaries", await harness.PutFixtureInputAsync());
        await harness.WaitForAsync(arn, BatchJobStatus.Completed);

        var output = await harness.ReadOutputAsync(arn, "input.jsonl.out");
        Assert.NotNull(output);
        Assert.EndsWith("\n", output, StringComparison.Ordinal);
        var lines = output.Split('\n')[..^1];
        var inputs = JobsHarness.FixtureLines().Select(JobsHarness.Parse).ToArray();
        Assert.Equal(105, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = JobsHarness.Parse(lines[i]);
            Assert.Equal(["modelInput", "modelOutput", "recordId"], line.EnumerateObject().Select(p => p.Name));
            Assert.Equal(inputs[i].GetProperty("recordId").GetString(), line.GetProperty("recordId").GetString());
            Assert.True(JsonElement.DeepEquals(inputs[i].GetProperty("modelInput"), line.GetProperty("modelInput")));
            Assert.Equal(JsonValueKind.Object, line.GetProperty("modelOutput").ValueKind);

            // Genuine output re-serialises modelInput compactly: no whitespace between tokens.
            Assert.StartsWith("""{"modelInput":{"anthropic_version":"bedrock-2023-05-31","max_tokens":1024,"messages":[{"role":"user","content":[{"type":"text","text":""", lines[i], StringComparison.Ordinal);
        }

        var ids = lines.Select(l => JobsHarness.Parse(l).GetProperty("recordId").GetString()).ToList();
        Assert.Equal(Enumerable.Range(1, 105).Select(n => $"CALL{n:D7}"), ids);
    }

    [Fact]
    public async Task Output_lines_are_byte_identical_to_genuine_Bedrock_output_for_the_same_inputs_and_model_outputs()
    {
        var genuine = File.ReadAllText(JobsHarness.ExcerptOutputPath).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var outputsByInput = genuine.Select(JobsHarness.Parse).ToDictionary(
            l => l.GetProperty("modelInput").GetRawText(),
            l => l.GetProperty("modelOutput"));
        await using var harness = new JobsHarness(new LocalJobsOptions { MinRecordsPerJob = 1 });
        harness.Invoker.Respond = (input, _) =>
        {
            var output = outputsByInput.Single(p => JsonElement.DeepEquals(JobsHarness.Parse(p.Key), input)).Value;
            return ValueTask.FromResult(new ModelInvocationResult(output, 1, 1, null, null));
        };
        var input = File.ReadAllText(JobsHarness.ExcerptInputPath).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var arn = harness.Create("clothing", await harness.PutInputAsync("excerpt/stage_3_input.jsonl", input));
        await harness.WaitForAsync(arn, BatchJobStatus.Completed);

        var written = (await harness.ReadOutputAsync(arn, "stage_3_input.jsonl.out"))!.Split('\n')[..^1];

        // Bedrock does not promise line order; the lines themselves must match byte for byte.
        Assert.Equal(genuine.Order(StringComparer.Ordinal), written.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_manifest_counts_records_and_totals_the_invokers_tokens()
    {
        await using var harness = new JobsHarness();
        var arn = harness.Create("manifest", await harness.PutFixtureInputAsync());
        await harness.WaitForAsync(arn, BatchJobStatus.Completed);

        var inputs = JobsHarness.FixtureLines().Select(l => JobsHarness.Parse(l).GetProperty("modelInput")).ToList();
        var inputTokens = inputs.Sum(FakeModelInvoker.InputTokens);
        var outputTokens = inputs.Sum(FakeModelInvoker.OutputTokens);
        var manifest = await harness.ReadOutputAsync(arn, "manifest.json.out");
        Assert.Equal(
            $$"""{"totalRecordCount":105,"processedRecordCount":105,"successRecordCount":105,"errorRecordCount":0,"inputTokenCount":{{inputTokens}},"outputTokenCount":{{outputTokens}}}""",
            manifest);

        var job = harness.Service.GetModelInvocationJob(arn);
        Assert.Equal((105L, 105L, 105L, 0L), (job.TotalRecordCount, job.ProcessedRecordCount, job.SuccessRecordCount, job.ErrorRecordCount));
        Assert.Equal(105, harness.Invoker.Calls);
    }

    [Fact]
    public async Task Injected_record_faults_give_error_lines_and_PartiallyCompleted_and_repeat_with_the_seed()
    {
        var options = new LocalJobsOptions { Seed = 42, Faults = new JobFaultOptions { FailedRecordRate = 0.2 } };
        var first = await FailedRecordIdsAsync(options);
        var second = await FailedRecordIdsAsync(options);

        Assert.InRange(first.Count, 5, 40);
        Assert.Equal(first, second);

        static async Task<List<string>> FailedRecordIdsAsync(LocalJobsOptions options)
        {
            await using var harness = new JobsHarness(options);
            var arn = harness.Create("faulty", await harness.PutFixtureInputAsync());
            await harness.WaitForAsync(arn, BatchJobStatus.PartiallyCompleted);

            var lines = (await harness.ReadOutputAsync(arn, "input.jsonl.out"))!.Split('\n')[..^1].Select(JobsHarness.Parse).ToList();
            var errors = lines.Where(l => l.TryGetProperty("error", out _)).ToList();
            foreach (var error in errors)
            {
                Assert.Equal(["error", "modelInput", "recordId"], error.EnumerateObject().Select(p => p.Name));
                Assert.Equal(["errorCode", "errorMessage"], error.GetProperty("error").EnumerateObject().Select(p => p.Name));
                Assert.Equal(500, error.GetProperty("error").GetProperty("errorCode").GetInt32());
            }

            var job = harness.Service.GetModelInvocationJob(arn);
            Assert.Equal(errors.Count, job.ErrorRecordCount);
            Assert.Equal(105 - errors.Count, job.SuccessRecordCount);
            Assert.Equal(105 - errors.Count, harness.Invoker.Calls);
            var manifest = JobsHarness.Parse((await harness.ReadOutputAsync(arn, "manifest.json.out"))!);
            Assert.Equal(errors.Count, manifest.GetProperty("errorRecordCount").GetInt32());
            return errors.Select(e => e.GetProperty("recordId").GetString()!).ToList();
        }
    }

    [Fact]
    public async Task The_invokers_own_errors_become_error_lines_with_its_code_and_message()
    {
        await using var harness = new JobsHarness();
        harness.Invoker.Respond = (input, _) => ValueTask.FromResult(
            input.GetRawText().Contains("refund", StringComparison.Ordinal)
                ? new ModelInvocationResult(null, 0, 0, 400, "messages: text content blocks must be non-empty")
                : FakeModelInvoker.Answer(input));
        var arn = harness.Create("invoker-errors", await harness.PutFixtureInputAsync());
        await harness.WaitForAsync(arn, BatchJobStatus.PartiallyCompleted);

        var expectedFailures = JobsHarness.FixtureLines().Select(JobsHarness.Parse)
            .Where(l => l.GetProperty("modelInput").GetRawText().Contains("refund", StringComparison.Ordinal))
            .Select(l => l.GetProperty("recordId").GetString())
            .ToList();
        var lines = (await harness.ReadOutputAsync(arn, "input.jsonl.out"))!.Split('\n')[..^1];
        var errorLines = lines.Where(l => l.StartsWith("{\"error\":", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(expectedFailures);
        Assert.Equal(expectedFailures, errorLines.Select(l => JobsHarness.Parse(l).GetProperty("recordId").GetString()));
        Assert.All(errorLines, l => Assert.StartsWith("""{"error":{"errorCode":400,"errorMessage":"messages: text content blocks must be non-empty"},"modelInput":{""", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_prefix_input_reads_every_jsonl_file_and_writes_one_out_file_each()
    {
        await using var harness = new JobsHarness();
        var lines = JobsHarness.FixtureLines();
        await harness.PutInputAsync("many/part-a.jsonl", lines[..60]);
        await harness.PutInputAsync("many/part-b.jsonl", lines[60..]);
        await harness.PutInputAsync("many/readme.txt", ["not input"]);
        var arn = harness.Create("prefix", $"s3://{JobsHarness.Bucket}/many/");
        await harness.WaitForAsync(arn, BatchJobStatus.Completed);

        Assert.Equal(60, (await harness.ReadOutputAsync(arn, "part-a.jsonl.out"))!.Split('\n')[..^1].Length);
        Assert.Equal(45, (await harness.ReadOutputAsync(arn, "part-b.jsonl.out"))!.Split('\n')[..^1].Length);
        Assert.Null(await harness.ReadOutputAsync(arn, "readme.txt.out"));
        Assert.Contains("\"totalRecordCount\":105", await harness.ReadOutputAsync(arn, "manifest.json.out"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_without_a_recordId_get_an_11_character_generated_one()
    {
        await using var harness = new JobsHarness(new LocalJobsOptions { MinRecordsPerJob = 1 });
        var arn = harness.Create("no-ids", await harness.PutInputAsync("noid.jsonl", ["""{"modelInput":{"messages":[]}}""", """{"modelInput":{"messages":[]}}"""]));
        await harness.WaitForAsync(arn, BatchJobStatus.Completed);

        var ids = (await harness.ReadOutputAsync(arn, "noid.jsonl.out"))!.Split('\n')[..^1].Select(l => JobsHarness.Parse(l).GetProperty("recordId").GetString()!).ToList();
        Assert.Equal(2, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[0-9A-Z]{11}$", id));
    }
}
