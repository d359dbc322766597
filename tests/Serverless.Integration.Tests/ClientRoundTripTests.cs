using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Bedrock;
using Serverless.Bedrock.Model;
using Serverless.LocalBedrock.Configuration;
using Serverless.LocalBedrock.Jobs;
using Serverless.LocalBedrock.Jobs.Storage;
using static Serverless.Integration.Tests.SignedServer;

namespace Serverless.Integration.Tests;

/// <summary>
/// Our C# clients (BedrockRuntimeClient, BedrockClient) through the same round trips as the JS SDK, over HTTP/1.1
/// against the signed local Bedrock: every runtime operation, both streams, the job API, and the typed errors.
/// </summary>
public sealed class ClientRoundTripTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Haiku3)]
    [InlineData(NovaLite)]
    [InlineData(TitanExpress)]
    public async Task InvokeModel_returns_the_native_body_of_each_format(string modelId)
    {
        await using var server = await SignedServer.StartAsync();
        using var client = new BedrockRuntimeClient(server.ClientOptions());
        var body = modelId switch
        {
            Haiku3 => Requests.AnthropicInvoke(),
            NovaLite => Requests.NovaInvoke(),
            _ => Requests.TitanInvoke(),
        };

        var response = await client.InvokeModelAsync(new InvokeModelRequest { ModelId = modelId, Body = Requests.Utf8(body), Accept = "application/json" }, Token);

        Assert.Equal("application/json", response.ContentType);
        var json = JsonNode.Parse(response.Body.Span)!;
        var text = modelId switch
        {
            Haiku3 => (string?)json["content"]![0]!["text"],
            NovaLite => (string?)json["output"]!["message"]!["content"]![0]!["text"],
            _ => (string?)json["results"]![0]!["outputText"],
        };
        Assert.False(string.IsNullOrWhiteSpace(text), json.ToJsonString());
    }

    [Fact]
    public async Task InvokeModelWithResponseStream_yields_anthropic_chunks_in_order_matching_InvokeModel()
    {
        await using var server = await SignedServer.StartAsync();
        using var client = new BedrockRuntimeClient(server.ClientOptions());
        var body = Requests.Utf8(Requests.AnthropicInvoke());

        var whole = JsonNode.Parse((await client.InvokeModelAsync(new InvokeModelRequest { ModelId = Haiku3, Body = body }, Token)).Body.Span)!;
        var chunks = new List<JsonNode>();
        await foreach (var part in client.InvokeModelWithResponseStreamAsync(new InvokeModelWithResponseStreamRequest { ModelId = Haiku3, Body = body }, Token))
        {
            chunks.Add(JsonNode.Parse(part.Bytes)!);
        }

        Assert.Equal("message_start", (string?)chunks[0]["type"]);
        Assert.Equal(["content_block_stop", "message_delta", "message_stop"], chunks[^3..].Select(c => (string)c["type"]!));
        Assert.NotNull(chunks[^1]["amazon-bedrock-invocationMetrics"]);
        var streamed = string.Concat(chunks.Where(c => (string?)c["type"] == "content_block_delta").Select(c => (string)c["delta"]!["text"]!));
        Assert.Equal((string?)whole["content"]![0]!["text"], streamed);
        Assert.Equal((int)whole["usage"]!["output_tokens"]!, (int)chunks[^1]["amazon-bedrock-invocationMetrics"]!["outputTokenCount"]!);
    }

    [Fact]
    public async Task Converse_ConverseStream_and_CountTokens_agree()
    {
        await using var server = await SignedServer.StartAsync();
        using var client = new BedrockRuntimeClient(server.ClientOptions());
        var body = Requests.Converse();

        var request = Requests.CsConverse(Haiku3, body);

        var converse = await client.ConverseAsync(request, Token);
        var events = await CollectAsync(client.ConverseStreamAsync(Requests.CsConverseStream(Haiku3, body), Token));
        var counted = await client.CountTokensAsync(new CountTokensRequest
        {
            ModelId = Haiku3,
            Input = new CountTokensInput { Converse = new ConverseTokensRequest { Messages = request.Messages, System = request.System } },
        }, Token);

        var text = Assert.Single(converse.Output.Message!.Content).Text;
        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.Equal(converse.Usage.InputTokens + converse.Usage.OutputTokens, converse.Usage.TotalTokens);

        Assert.Equal("messageStart", events[0].EventType);
        Assert.Equal(["contentBlockStop", "messageStop", "metadata"], events[^3..].Select(e => e.EventType));
        Assert.Equal(text, string.Concat(events.Select(e => e.ContentBlockDelta?.Delta.Text)));
        Assert.Equal(converse.StopReason, events[^2].MessageStop!.StopReason);
        Assert.Equal(converse.Usage.InputTokens, events[^1].Metadata!.Usage.InputTokens);
        Assert.Equal(converse.Usage.OutputTokens, events[^1].Metadata!.Usage.OutputTokens);

        Assert.Equal(converse.Usage.InputTokens, counted.InputTokens);
    }

    [Fact]
    public async Task Structured_output_and_forced_tool_use_in_Converse_and_ConverseStream()
    {
        await using var server = await SignedServer.StartAsync();
        using var client = new BedrockRuntimeClient(server.ClientOptions());

        var structured = await client.ConverseAsync(Requests.CsConverse(Sonnet45, Requests.Structured()), Token);
        using (var document = JsonDocument.Parse(structured.Output.Message!.Content[0].Text!))
        {
            Assert.Equal(["city", "population", "tags"], document.RootElement.EnumerateObject().Select(p => p.Name).Order());
        }

        var tool = await client.ConverseAsync(Requests.CsConverse(Sonnet45, Requests.ForcedTool()), Token);
        Assert.Equal("tool_use", tool.StopReason);
        var toolUse = tool.Output.Message!.Content.Select(b => b.ToolUse).Single(t => t is not null)!;
        Assert.Equal(Requests.ToolName, toolUse.Name);
        Assert.StartsWith("tooluse_", toolUse.ToolUseId);
        Assert.Contains(toolUse.Input.GetProperty("unit").GetString(), new[] { "celsius", "fahrenheit" });

        var events = await CollectAsync(client.ConverseStreamAsync(Requests.CsConverseStream(Sonnet45, Requests.ForcedTool()), Token));
        var start = events.Select(e => e.ContentBlockStart).Single(s => s is not null)!;
        Assert.Equal(Requests.ToolName, start.Start.ToolUse!.Name);
        var input = string.Concat(events.Select(e => e.ContentBlockDelta?.Delta.ToolUse?.Input));
        using (var streamedInput = JsonDocument.Parse(input))
        {
            Assert.Equal(JsonValueKind.String, streamedInput.RootElement.GetProperty("location").ValueKind);
        }

        Assert.Equal("tool_use", events.Select(e => e.MessageStop).Single(m => m is not null)!.StopReason);
    }

    [Fact]
    public async Task Async_invoke_start_get_and_list()
    {
        await using var server = await SignedServer.StartAsync();
        using var client = new BedrockRuntimeClient(server.ClientOptions());
        using var modelInput = JsonDocument.Parse(Requests.Utf8(Requests.AnthropicInvoke()));

        var started = await client.StartAsyncInvokeAsync(new StartAsyncInvokeRequest
        {
            ModelId = Haiku3,
            ModelInput = modelInput.RootElement.Clone(),
            OutputDataConfig = new AsyncInvokeOutputDataConfig { S3OutputDataConfig = new AsyncInvokeS3OutputDataConfig { S3Uri = "s3://async-out/cs" } },
        }, Token);
        await server.Jobs.WaitForAsyncInvokeStatusAsync(started.InvocationArn, "Completed", Token);

        var invocation = await client.GetAsyncInvokeAsync(new GetAsyncInvokeRequest { InvocationArn = started.InvocationArn }, Token);
        var listed = await client.ListAsyncInvokesAsync(new ListAsyncInvokesRequest { StatusEquals = "Completed", MaxResults = 10 }, Token);

        Assert.Equal("Completed", invocation.Status);
        Assert.Equal(started.InvocationArn, invocation.InvocationArn);
        Assert.NotNull(invocation.EndTime);
        Assert.Equal(started.InvocationArn, Assert.Single(listed.AsyncInvokeSummaries!).InvocationArn);
        var id = started.InvocationArn[(started.InvocationArn.LastIndexOf('/') + 1)..];
        Assert.NotNull(await server.ObjectStore.GetAsync(S3ObjectUri.Parse($"s3://async-out/cs/{id}/output.json"), Token));
    }

    [Fact]
    public async Task Batch_job_create_get_list_on_the_real_file()
    {
        await using var server = await SignedServer.StartAsync();
        await server.PutRealFileAsync("s3://batch-in/input.jsonl", Token);
        using var client = new BedrockClient(server.ClientOptions());

        var created = await client.CreateModelInvocationJobAsync(NewJob("cs-job-1", "s3://batch-in/input.jsonl"), Token);
        await server.Jobs.WaitForJobStatusAsync(created.JobArn, "Completed", Token);
        var job = await client.GetModelInvocationJobAsync(new GetModelInvocationJobRequest { JobIdentifier = created.JobArn }, Token);
        var listed = await client.ListModelInvocationJobsAsync(new ListModelInvocationJobsRequest { NameContains = "cs-job", StatusEquals = "Completed" }, Token);

        Assert.Equal(ModelInvocationJobStatus.Completed, job.Status);
        Assert.Equal("cs-job-1", job.JobName);
        Assert.NotNull(job.ClientRequestToken);
        Assert.Equal(created.JobArn, Assert.Single(listed.InvocationJobSummaries!).JobArn);
        await server.AssertCompleteOutputAsync("s3://batch-out/", created.JobArn, Token);
    }

    [Fact]
    public async Task Batch_job_stop_ends_Stopped()
    {
        await using var server = await SignedServer.StartAsync(s => s.Jobs = new LocalJobsOptions { Phases = new BatchPhaseDurations { Scheduled = TimeSpan.FromHours(1) } });
        await server.PutRealFileAsync("s3://batch-in/input.jsonl", Token);
        using var client = new BedrockClient(server.ClientOptions());

        var created = await client.CreateModelInvocationJobAsync(NewJob("cs-held", "s3://batch-in/input.jsonl"), Token);
        await server.Jobs.WaitForJobStatusAsync(created.JobArn, "Scheduled", Token);
        await client.StopModelInvocationJobAsync(new StopModelInvocationJobRequest { JobIdentifier = created.JobArn }, Token);
        await server.Jobs.WaitForJobStatusAsync(created.JobArn, "Stopped", Token);

        var job = await client.GetModelInvocationJobAsync(new GetModelInvocationJobRequest { JobIdentifier = created.JobArn }, Token);
        Assert.Equal(ModelInvocationJobStatus.Stopped, job.Status);
        var again = await Assert.ThrowsAsync<ConflictException>(() => client.StopModelInvocationJobAsync(new StopModelInvocationJobRequest { JobIdentifier = created.JobArn }, Token));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Throttling_is_a_retryable_ThrottlingException_and_retries_get_through_a_burst()
    {
        await using var server = await SignedServer.StartAsync();
        server.Faults.Set("Converse", new FaultSettings { ThrottleNextRequests = 1 });
        using (var noRetry = new BedrockRuntimeClient(server.ClientOptions(maxAttempts: 1)))
        {
            var error = await Assert.ThrowsAsync<ThrottlingException>(() => noRetry.ConverseAsync(Requests.CsConverse(Haiku3, Requests.Converse()), Token));
            Assert.True(error.IsRetryable);
            Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
            Assert.False(string.IsNullOrEmpty(error.RequestId));
        }

        server.Faults.Set("Converse", new FaultSettings { ThrottleNextRequests = 2 });
        using var retrying = new BedrockRuntimeClient(server.ClientOptions(maxAttempts: 3));
        var response = await retrying.ConverseAsync(Requests.CsConverse(Haiku3, Requests.Converse()), Token);

        Assert.NotEmpty(response.Output.Message!.Content);
        Assert.Equal(3, server.Faults.Injected()["Converse:ThrottlingException"]);
        Assert.Equal(1, server.Stats().Responses["Converse:200"]);
    }

    [Fact]
    public async Task Quota_breach_is_a_ThrottlingException()
    {
        await using var server = await SignedServer.StartAsync(s => s.Models[Haiku3].Quota.RequestsPerMinute = 1);
        using var client = new BedrockRuntimeClient(server.ClientOptions());

        await client.ConverseAsync(Requests.CsConverse(Haiku3, Requests.Converse()), Token);
        var error = await Assert.ThrowsAsync<ThrottlingException>(() => client.ConverseAsync(Requests.CsConverse(Haiku3, Requests.Converse()), Token));

        Assert.Equal("Too many requests, please wait before trying again.", error.Message);
    }

    [Fact]
    public async Task Bad_input_is_a_ValidationException_naming_the_member()
    {
        await using var server = await SignedServer.StartAsync();
        using var client = new BedrockRuntimeClient(server.ClientOptions());

        var tooMany = await Assert.ThrowsAsync<ValidationException>(() => client.ConverseAsync(Requests.CsConverse(Haiku3, Requests.Converse(maxTokens: 999_999)), Token));
        var unknown = await Assert.ThrowsAsync<ValidationException>(() => client.ConverseAsync(Requests.CsConverse("acme.no-such-model-v1:0", Requests.Converse()), Token));

        Assert.Contains("maxTokens", tooMany.Message);
        Assert.False(tooMany.IsRetryable);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("The provided model identifier is invalid.", unknown.Message);
    }

    [Fact]
    public async Task Stream_cut_throws_ModelStreamErrorException_after_the_events_before_it()
    {
        await using var server = await SignedServer.StartAsync();
        var cut = new FaultSettings { StreamCutAfterEvents = 3, StreamCutKind = StreamCutKinds.ModelStreamError };
        server.Faults.Replace(new Dictionary<string, FaultSettings> { ["ConverseStream"] = cut, ["InvokeModelWithResponseStream"] = cut });
        using var client = new BedrockRuntimeClient(server.ClientOptions());

        var events = new List<ConverseStreamOutput>();
        var error = await Assert.ThrowsAsync<ModelStreamErrorException>(async () =>
        {
            await foreach (var e in client.ConverseStreamAsync(Requests.CsConverseStream(Haiku3, Requests.Converse()), Token))
            {
                events.Add(e);
            }
        });
        var chunks = 0;
        await Assert.ThrowsAsync<ModelStreamErrorException>(async () =>
        {
            await foreach (var unused in client.InvokeModelWithResponseStreamAsync(new InvokeModelWithResponseStreamRequest { ModelId = Haiku3, Body = Requests.Utf8(Requests.AnthropicInvoke()) }, Token))
            {
                chunks++;
            }
        });

        Assert.Equal(["messageStart", "contentBlockDelta", "contentBlockDelta"], events.Select(e => e.EventType));
        Assert.Equal(500, error.OriginalStatusCode);
        Assert.Equal(3, chunks);
    }

    [Fact]
    public async Task Wrong_secret_is_refused_with_InvalidSignatureException()
    {
        await using var server = await SignedServer.StartAsync();
        var options = server.ClientOptions();
        options.Credentials = new Amazon.Runtime.BasicAWSCredentials(AccessKeyId, "not-the-secret");
        using var client = new BedrockRuntimeClient(options);
        using var jobs = new BedrockClient(options);

        var runtimeError = await Assert.ThrowsAnyAsync<BedrockException>(() => client.ConverseAsync(Requests.CsConverse(Haiku3, Requests.Converse()), Token));
        var jobsError = await Assert.ThrowsAnyAsync<BedrockException>(() => jobs.ListModelInvocationJobsAsync(new ListModelInvocationJobsRequest(), Token));

        Assert.All(new[] { runtimeError, jobsError }, e =>
        {
            Assert.Equal("InvalidSignatureException", e.ErrorCode);
            Assert.Equal(HttpStatusCode.Forbidden, e.StatusCode);
        });
    }

    private static CreateModelInvocationJobRequest NewJob(string name, string inputUri) => new()
    {
        JobName = name,
        RoleArn = BatchInput.RoleArn,
        ModelId = BatchInput.ModelId,
        InputDataConfig = new ModelInvocationJobInputDataConfig { S3InputDataConfig = new ModelInvocationJobS3InputDataConfig { S3Uri = inputUri, S3InputFormat = "JSONL" } },
        OutputDataConfig = new ModelInvocationJobOutputDataConfig { S3OutputDataConfig = new ModelInvocationJobS3OutputDataConfig { S3Uri = "s3://batch-out/" } },
    };

    private static async Task<List<ConverseStreamOutput>> CollectAsync(IAsyncEnumerable<ConverseStreamOutput> stream)
    {
        var events = new List<ConverseStreamOutput>();
        await foreach (var e in stream)
        {
            events.Add(e);
        }

        return events;
    }
}
