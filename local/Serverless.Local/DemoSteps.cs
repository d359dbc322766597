using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Serverless.Bedrock;
using Serverless.Bedrock.Model;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Hosting;
using Serverless.LocalBedrock.Jobs.Storage;
using Serverless.Quota;
using Serverless.Quota.Storage;

namespace Serverless.Local;

/// <summary>The demo's calls, one method a Bedrock capability, each printing what happened.</summary>
internal sealed class DemoSteps(TextWriter output, LocalBedrockServer server, BedrockRuntimeClient runtime, BedrockClient control)
{
    private const string Claude = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
    private const string ClaudeForBatch = "anthropic.claude-3-haiku-20240307-v1:0";
    private const string Nova = "amazon.nova-lite-v1:0";

    // Its own model, so the ledger sees every call Bedrock counts for it (a call that bypasses the ledger would not be known to it).
    private const string LedgerModel = "amazon.nova-micro-v1:0";
    private const string Question = "In two sentences, why do serverless systems need quota-aware clients?";

    public IEnumerable<(string Title, Func<CancellationToken, Task> Step)> All() =>
    [
        ("CountTokens", CountTokensAsync),
        ("Converse", ConverseAsync),
        ("ConverseStream (deltas printed as they arrive)", ConverseStreamAsync),
        ("InvokeModel, Anthropic Messages body", InvokeAnthropicAsync),
        ("InvokeModelWithResponseStream, Amazon Nova body", InvokeStreamNovaAsync),
        ("Structured output (Converse outputConfig json_schema)", StructuredOutputAsync),
        ("Quota: 5 calls against a 3-requests-per-minute quota, no retries", ThrottlingAsync),
        ("Quota ledger: the same 5 calls asked of the ledger first", LedgerAsync),
        ("Batch inference job: 120 records through CreateModelInvocationJob", BatchJobAsync),
    ];

    private static ConverseRequest Ask(string modelId, string text, int maxTokens = 200) => new()
    {
        ModelId = modelId,
        Messages = [new Message { Role = ConversationRole.User, Content = [ContentBlock.FromText(text)] }],
        InferenceConfig = new InferenceConfiguration { MaxTokens = maxTokens },
    };

    private async Task CountTokensAsync(CancellationToken cancellationToken)
    {
        var request = Ask(Claude, Question);
        var counted = await runtime.CountTokensAsync(new CountTokensRequest
        {
            ModelId = Claude,
            Input = new CountTokensInput { Converse = new ConverseTokensRequest { Messages = request.Messages } },
        }, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"   {Claude}: \"{Question}\" is {counted.InputTokens} input tokens");
    }

    private async Task ConverseAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var response = await runtime.ConverseAsync(Ask(Claude, Question), cancellationToken).ConfigureAwait(false);
        output.WriteLine($"   text: {response.Output.Message!.Content[0].Text}");
        output.WriteLine($"   stopReason={response.StopReason} usage: in={response.Usage.InputTokens} out={response.Usage.OutputTokens} total={response.Usage.TotalTokens} ({watch.ElapsedMilliseconds} ms)");
    }

    private async Task ConverseStreamAsync(CancellationToken cancellationToken)
    {
        var request = Ask(Claude, "Describe a token bucket in one paragraph.");
        var streamRequest = new ConverseStreamRequest { ModelId = request.ModelId, Messages = request.Messages, InferenceConfig = request.InferenceConfig };
        var watch = Stopwatch.StartNew();
        long? firstDeltaMs = null;
        var events = 0;
        output.Write("   ");
        await foreach (var item in runtime.ConverseStreamAsync(streamRequest, cancellationToken).ConfigureAwait(false))
        {
            events++;
            if (item.ContentBlockDelta?.Delta.Text is { } text)
            {
                firstDeltaMs ??= watch.ElapsedMilliseconds;
                output.Write(text);
                output.Flush();
            }
            else if (item.Metadata is { } metadata)
            {
                output.WriteLine();
                output.WriteLine($"   {events} events, first delta after {firstDeltaMs} ms, all in {watch.ElapsedMilliseconds} ms; usage in={metadata.Usage.InputTokens} out={metadata.Usage.OutputTokens}");
            }
        }
    }

    private async Task InvokeAnthropicAsync(CancellationToken cancellationToken)
    {
        var body = """{"anthropic_version":"bedrock-2023-05-31","max_tokens":120,"messages":[{"role":"user","content":"Name one benefit of batch inference."}]}""";
        var response = await runtime.InvokeModelAsync(new InvokeModelRequest { ModelId = Claude, Body = Encoding.UTF8.GetBytes(body) }, cancellationToken).ConfigureAwait(false);
        using var json = JsonDocument.Parse(response.Body);
        var root = json.RootElement;
        output.WriteLine($"   {root.GetProperty("content")[0].GetProperty("text").GetString()}");
        output.WriteLine($"   stop_reason={root.GetProperty("stop_reason").GetString()} usage={root.GetProperty("usage").GetRawText()}");
    }

    private async Task InvokeStreamNovaAsync(CancellationToken cancellationToken)
    {
        var body = """{"messages":[{"role":"user","content":[{"text":"Say hello to the local Bedrock."}]}],"inferenceConfig":{"maxTokens":60}}""";
        var chunks = 0;
        var text = new StringBuilder();
        await foreach (var part in runtime.InvokeModelWithResponseStreamAsync(new InvokeModelWithResponseStreamRequest { ModelId = Nova, Body = Encoding.UTF8.GetBytes(body) }, cancellationToken).ConfigureAwait(false))
        {
            chunks++;
            using var chunk = JsonDocument.Parse(part.Bytes);
            if (chunk.RootElement.TryGetProperty("contentBlockDelta", out var delta))
            {
                text.Append(delta.GetProperty("delta").GetProperty("text").GetString());
            }
        }

        output.WriteLine($"   {chunks} chunks: {text}");
    }

    private async Task StructuredOutputAsync(CancellationToken cancellationToken)
    {
        const string schema = """{"type":"object","properties":{"city":{"type":"string"},"population":{"type":"integer","minimum":0},"landmarks":{"type":"array","items":{"type":"string"},"minItems":1,"maxItems":3}},"required":["city","population","landmarks"],"additionalProperties":false}""";
        var request = Ask(Claude, "Describe Paris as JSON.");
        request.OutputConfig = new OutputConfig { TextFormat = OutputFormat.JsonSchema(schema, "city") };
        var response = await runtime.ConverseAsync(request, cancellationToken).ConfigureAwait(false);
        var text = response.Output.Message!.Content[0].Text!;
        using var parsed = JsonDocument.Parse(text);
        output.WriteLine($"   {text}");
        output.WriteLine($"   parses as JSON with {parsed.RootElement.EnumerateObject().Count()} members, as the schema requires");
    }

    private async Task ThrottlingAsync(CancellationToken cancellationToken)
    {
        server.Settings.Models[ClaudeForBatch].Quota = new QuotaSettings { RequestsPerMinute = 3 };
        using var noRetries = new BedrockRuntimeClient(new BedrockClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = server.BaseAddress,
            Credentials = new Amazon.Runtime.BasicAWSCredentials("AKIDLOCALDEMO", "local-demo-secret"),
            Retry = new RetryOptions { MaxAttempts = 1 },
        });
        for (var i = 1; i <= 5; i++)
        {
            try
            {
                var response = await noRetries.ConverseAsync(Ask(ClaudeForBatch, $"Request {i}", 16), cancellationToken).ConfigureAwait(false);
                output.WriteLine($"   call {i}: admitted ({response.Usage.TotalTokens} tokens)");
            }
            catch (ThrottlingException e)
            {
                output.WriteLine($"   call {i}: {(int)e.StatusCode} {e.ErrorCode} \"{e.Message}\" retryable={e.IsRetryable}");
            }
        }
    }

    private async Task LedgerAsync(CancellationToken cancellationToken)
    {
        server.Settings.Models[LedgerModel].Quota = new QuotaSettings { RequestsPerMinute = 3 };
        var ledger = new QuotaLedger(
            new InMemoryQuotaStore(),
            new QuotaLedgerOptions { Models = new Dictionary<string, ModelQuota> { [LedgerModel] = new ModelQuota { RequestsPerMinute = 3 } } },
            TimeProvider.System,
            new Random(1));
        for (var i = 1; i <= 5; i++)
        {
            var request = Ask(LedgerModel, $"Request {i}", 16);
            var decision = await ledger.TryReserveAsync(new QuotaRequest(LedgerModel, InputTokens: 8, MaxOutputTokens: 16), cancellationToken).ConfigureAwait(false);
            if (!decision.Admitted)
            {
                output.WriteLine($"   call {i}: refused by the ledger ({decision.RefusedBy}), Retry-After {Math.Ceiling(decision.RetryAfter.TotalSeconds)} s; Bedrock never saw it");
                continue;
            }

            var response = await runtime.ConverseAsync(request, cancellationToken).ConfigureAwait(false);
            await ledger.SettleAsync(decision.Reservation!, new ActualUsage(response.Usage.InputTokens, response.Usage.OutputTokens), cancellationToken).ConfigureAwait(false);
            output.WriteLine($"   call {i}: admitted by the ledger, answered ({response.Usage.TotalTokens} tokens)");
        }

        output.WriteLine($"   Bedrock throttled {server.Stats().Models[LedgerModel].Throttled} of the ledger's calls ({ledger.Counters.StoreCallsPerDecision:N1} ledger store call per decision)");
    }

    private async Task BatchJobAsync(CancellationToken cancellationToken)
    {
        var input = new StringBuilder();
        for (var i = 1; i <= 120; i++)
        {
            input.Append($$$"""{"recordId":"REC{{{i:D5}}}","modelInput":{"anthropic_version":"bedrock-2023-05-31","max_tokens":50,"messages":[{"role":"user","content":"Summarize item {{{i}}}."}]}}""").Append('\n');
        }

        await server.ObjectStore.PutAsync(S3ObjectUri.Parse("s3://demo-bucket/input/records.jsonl"), Encoding.UTF8.GetBytes(input.ToString()), cancellationToken).ConfigureAwait(false);
        var created = await control.CreateModelInvocationJobAsync(new CreateModelInvocationJobRequest
        {
            JobName = "local-demo",
            RoleArn = "arn:aws:iam::123456789012:role/BedrockBatchRole",
            ModelId = ClaudeForBatch,
            InputDataConfig = new ModelInvocationJobInputDataConfig { S3InputDataConfig = new ModelInvocationJobS3InputDataConfig { S3Uri = "s3://demo-bucket/input/records.jsonl" } },
            OutputDataConfig = new ModelInvocationJobOutputDataConfig { S3OutputDataConfig = new ModelInvocationJobS3OutputDataConfig { S3Uri = "s3://demo-bucket/output/" } },
        }, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"   created {created.JobArn}");

        await server.Jobs.WaitForJobStatusAsync(created.JobArn, "Completed", cancellationToken).ConfigureAwait(false);
        var job = await control.GetModelInvocationJobAsync(new GetModelInvocationJobRequest { JobIdentifier = created.JobArn }, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"   status {job.Status}: {job.ProcessedRecordCount} processed, {job.SuccessRecordCount} succeeded, {job.ErrorRecordCount} failed");
        var jobId = created.JobArn[(created.JobArn.LastIndexOf('/') + 1)..];
        var manifest = await server.ObjectStore.GetAsync(S3ObjectUri.Parse($"s3://demo-bucket/output/{jobId}/manifest.json.out"), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("manifest.json.out was not written");
        output.WriteLine($"   manifest.json.out: {Encoding.UTF8.GetString(manifest)}");
    }
}
