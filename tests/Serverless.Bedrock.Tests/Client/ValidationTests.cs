using System.Text.Json;
using Serverless.Bedrock.Model;
using Serverless.Bedrock.Tests.Support;

namespace Serverless.Bedrock.Tests.Client;

/// <summary>Bad input is refused before anything is sent, with an ArgumentException that names the field.</summary>
public sealed class ValidationTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""{"type":"object"}""").RootElement;

    public static TheoryData<string, string> ConverseCases() => new()
    {
        { "messages", "at least one message is required" },
        { "modelId", "is required" },
        { "messages[0].role", "must be one of user, assistant" },
        { "messages[0].content", "at least one content block is required" },
        { "messages[0].content[0]", "exactly one member must be set (2 are)" },
        { "inferenceConfig.maxTokens", "must be between 1" },
        { "inferenceConfig.temperature", "must be between 0 and 1" },
        { "toolConfig.tools", "at least one tool is required" },
        { "toolConfig.tools[0].toolSpec.name", "must be 1-64 characters" },
        { "toolConfig.tools[0].toolSpec.inputSchema.json", "is required" },
        { "toolConfig.toolChoice", "exactly one member must be set (none is)" },
        { "outputConfig.textFormat.structure.jsonSchema.schema", "is not valid JSON" },
        { "messages[0].content[0].image.source.s3Location.uri", "must be an s3://bucket/key URI" },
    };

    [Theory]
    [MemberData(nameof(ConverseCases))]
    public async Task Converse_rejects_bad_input_naming_the_field(string field, string problem)
    {
        var request = Requests.Converse();
        Break(request, field);
        var handler = new FakeBedrockHandler();
        using var client = new BedrockRuntimeClient(TestOptions.Create(handler));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.ConverseAsync(request, TestContext.Current.CancellationToken));

        Assert.Equal(field, error.ParamName);
        Assert.StartsWith($"{field}: {problem}", error.Message);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void ConverseStream_validates_eagerly_before_enumeration()
    {
        using var client = new BedrockRuntimeClient(TestOptions.Create(new FakeBedrockHandler()));
        var error = Assert.Throws<ArgumentException>(() => client.ConverseStreamAsync(new ConverseStreamRequest { ModelId = "m.x" }, TestContext.Current.CancellationToken));
        Assert.Equal("messages", error.ParamName);
    }

    [Fact]
    public void A_prompt_arn_may_omit_messages()
    {
        using var client = new BedrockRuntimeClient(TestOptions.Create(new FakeBedrockHandler()));
        // No exception at call time: validation passed (the stream is only sent once enumerated).
        _ = client.ConverseStreamAsync(new ConverseStreamRequest { ModelId = "arn:aws:bedrock:us-east-1:123456789012:prompt/ABCDEFGHIJ:1" }, TestContext.Current.CancellationToken);
    }

    public static TheoryData<string, string> JobCases() => new()
    {
        { "jobName", "is required" },
        { "jobName!", "must be letters and digits" },
        { "roleArn", "must be an IAM role ARN" },
        { "inputDataConfig.s3InputDataConfig.s3Uri", "must be an s3://bucket/prefix URI" },
        { "outputDataConfig", "exactly one member must be set (none is)" },
        { "timeoutDurationInHours", "must be between 24 and 168" },
        { "modelInvocationType", "must be one of InvokeModel, Converse" },
    };

    [Theory]
    [MemberData(nameof(JobCases))]
    public async Task CreateModelInvocationJob_rejects_bad_input_naming_the_field(string field, string problem)
    {
        var request = new CreateModelInvocationJobRequest
        {
            JobName = "job-1",
            RoleArn = "arn:aws:iam::123456789012:role/r",
            ModelId = Requests.ModelId,
            InputDataConfig = new() { S3InputDataConfig = new() { S3Uri = "s3://bucket/in.jsonl" } },
            OutputDataConfig = new() { S3OutputDataConfig = new() { S3Uri = "s3://bucket/out/" } },
        };
        switch (field)
        {
            case "jobName": request.JobName = ""; break;
            case "jobName!": request.JobName = "-starts-with-dash"; field = "jobName"; break;
            case "roleArn": request.RoleArn = "role/r"; break;
            case "inputDataConfig.s3InputDataConfig.s3Uri": request.InputDataConfig.S3InputDataConfig!.S3Uri = "https://bucket/in.jsonl"; break;
            case "outputDataConfig": request.OutputDataConfig = new(); break;
            case "timeoutDurationInHours": request.TimeoutDurationInHours = 12; break;
            case "modelInvocationType": request.ModelInvocationType = "Chat"; break;
        }

        using var client = new BedrockClient(TestOptions.Create(new FakeBedrockHandler()));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.CreateModelInvocationJobAsync(request, TestContext.Current.CancellationToken));
        Assert.Equal(field, error.ParamName);
        Assert.StartsWith($"{field}: {problem}", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-id")]
    [InlineData("arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/short")]
    public async Task Job_identifiers_must_be_an_arn_or_a_12_character_id(string identifier)
    {
        using var client = new BedrockClient(TestOptions.Create(new FakeBedrockHandler()));
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.GetModelInvocationJobAsync(new GetModelInvocationJobRequest { JobIdentifier = identifier }, TestContext.Current.CancellationToken));
        Assert.Equal("jobIdentifier", error.ParamName);
    }

    [Fact]
    public async Task Other_operations_name_their_fields_too()
    {
        using var runtime = new BedrockRuntimeClient(TestOptions.Create(new FakeBedrockHandler()));
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal("invocationArn", (await Assert.ThrowsAsync<ArgumentException>(() =>
            runtime.GetAsyncInvokeAsync(new GetAsyncInvokeRequest { InvocationArn = "arn:aws:bedrock:us-east-1:1:async-invoke/x" }, ct))).ParamName);
        Assert.Equal("maxResults", (await Assert.ThrowsAsync<ArgumentException>(() =>
            runtime.ListAsyncInvokesAsync(new ListAsyncInvokesRequest { MaxResults = 0 }, ct))).ParamName);
        Assert.Equal("outputDataConfig.s3OutputDataConfig.s3Uri", (await Assert.ThrowsAsync<ArgumentException>(() =>
            runtime.StartAsyncInvokeAsync(new StartAsyncInvokeRequest
            {
                ModelId = "amazon.nova-reel-v1:0",
                ModelInput = Schema,
                OutputDataConfig = new() { S3OutputDataConfig = new() { S3Uri = "bucket/out" } },
            }, ct))).ParamName);
        Assert.Equal("modelInput", (await Assert.ThrowsAsync<ArgumentException>(() =>
            runtime.StartAsyncInvokeAsync(new StartAsyncInvokeRequest
            {
                ModelId = "amazon.nova-reel-v1:0",
                OutputDataConfig = new() { S3OutputDataConfig = new() { S3Uri = "s3://bucket/out" } },
            }, ct))).ParamName);
        Assert.Equal("modelId", (await Assert.ThrowsAsync<ArgumentException>(() =>
            runtime.InvokeModelAsync(new InvokeModelRequest { ModelId = "", Body = "{}"u8.ToArray() }, ct))).ParamName);
        Assert.Equal("trace", (await Assert.ThrowsAsync<ArgumentException>(() =>
            runtime.InvokeModelAsync(new InvokeModelRequest { ModelId = "m.x", Trace = "yes" }, ct))).ParamName);
        Assert.Equal("input", (await Assert.ThrowsAsync<ArgumentException>(() =>
            runtime.CountTokensAsync(new CountTokensRequest { ModelId = "m.x" }, ct))).ParamName);
    }

    private static void Break(ConverseRequest request, string field)
    {
        var message = request.Messages![0];
        switch (field)
        {
            case "messages": request.Messages = []; break;
            case "modelId": request.ModelId = " "; break;
            case "messages[0].role": message.Role = "robot"; break;
            case "messages[0].content": message.Content = []; break;
            case "messages[0].content[0]": message.Content[0].Image = new ImageBlock { Format = "png", Source = new() { Bytes = [1] } }; break;
            case "inferenceConfig.maxTokens": request.InferenceConfig = new() { MaxTokens = 0 }; break;
            case "inferenceConfig.temperature": request.InferenceConfig = new() { Temperature = 1.5f }; break;
            case "toolConfig.tools": request.ToolConfig = new() { Tools = [] }; break;
            case "toolConfig.tools[0].toolSpec.name":
                request.ToolConfig = new() { Tools = [new Tool { ToolSpec = new() { Name = "has space", InputSchema = new() { Json = Schema } } }] };
                break;
            case "toolConfig.tools[0].toolSpec.inputSchema.json":
                request.ToolConfig = new() { Tools = [new Tool { ToolSpec = new() { Name = "lookup" } }] };
                break;
            case "toolConfig.toolChoice":
                request.ToolConfig = new() { Tools = [new Tool { ToolSpec = new() { Name = "lookup", InputSchema = new() { Json = Schema } } }], ToolChoice = new() };
                break;
            case "outputConfig.textFormat.structure.jsonSchema.schema":
                request.OutputConfig = new() { TextFormat = OutputFormat.JsonSchema("{not json") };
                break;
            case "messages[0].content[0].image.source.s3Location.uri":
                message.Content = [new ContentBlock { Image = new() { Format = "png", Source = new() { S3Location = new() { Uri = "https://bucket/x.png" } } } }];
                break;
        }
    }
}
