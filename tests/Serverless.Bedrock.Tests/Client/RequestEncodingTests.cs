using System.Net;
using System.Text;
using System.Text.Json;
using Serverless.Bedrock.Model;
using Serverless.Bedrock.Tests.Support;

namespace Serverless.Bedrock.Tests.Client;

/// <summary>What goes on the wire: paths, headers, bodies and a signature an independent verifier accepts.</summary>
public sealed class RequestEncodingTests
{
    private const string ConverseReply = """
        {"output":{"message":{"role":"assistant","content":[{"text":"hi"}]}},"stopReason":"end_turn",
         "usage":{"inputTokens":3,"outputTokens":1,"totalTokens":4},"metrics":{"latencyMs":12}}
        """;

    [Fact]
    public async Task Converse_encodes_a_model_id_colon_in_the_path_and_signs_it_double_encoded()
    {
        var handler = new FakeBedrockHandler().Respond(HttpStatusCode.OK, ConverseReply);
        using var client = new BedrockRuntimeClient(TestOptions.Create(handler));

        var response = await client.ConverseAsync(new ConverseRequest
        {
            ModelId = "anthropic.claude-3-haiku-20240307-v1:0",
            Messages = [new Message { Role = "user", Content = [ContentBlock.FromText("hello")] }],
            InferenceConfig = new InferenceConfiguration { MaxTokens = 50 },
        }, TestContext.Current.CancellationToken);

        Assert.Equal("hi", response.Output.Message!.Content[0].Text);
        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse", sent.Uri.AbsoluteUri);
        Assert.Equal("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse", sent.Uri.PathAndQuery);
        Assert.Equal("application/json", sent.Headers["Content-Type"]);
        Assert.Equal("""{"messages":[{"role":"user","content":[{"text":"hello"}]}],"inferenceConfig":{"maxTokens":50}}""", Encoding.UTF8.GetString(sent.Body));
        AssertSignatureVerifies(sent, "bedrock-runtime.us-east-1.amazonaws.com");
        Assert.Contains("%253A0", CanonicalPath(sent));
    }

    [Fact]
    public async Task GetAsyncInvoke_encodes_an_arn_with_slash_as_one_path_segment()
    {
        const string arn = "arn:aws:bedrock:us-east-1:123456789012:async-invoke/abcdef123456";
        var handler = new FakeBedrockHandler().Respond(HttpStatusCode.OK, """
            {"invocationArn":"arn:aws:bedrock:us-east-1:123456789012:async-invoke/abcdef123456","modelArn":"arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-reel-v1:0",
             "status":"Completed","submitTime":"2026-03-01T11:00:00Z","endTime":"2026-03-01T11:05:30.5Z","outputDataConfig":{"s3OutputDataConfig":{"s3Uri":"s3://bucket/out"}}}
            """);
        using var client = new BedrockRuntimeClient(TestOptions.Create(handler));

        var response = await client.GetAsyncInvokeAsync(new GetAsyncInvokeRequest { InvocationArn = arn }, TestContext.Current.CancellationToken);

        Assert.Equal("Completed", response.Status);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 11, 5, 30, 500, TimeSpan.Zero), response.EndTime);
        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal("/async-invoke/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aasync-invoke%2Fabcdef123456", sent.Uri.PathAndQuery);
        Assert.Empty(sent.Body);
        AssertSignatureVerifies(sent, "bedrock-runtime.us-east-1.amazonaws.com");
    }

    [Fact]
    public async Task InvokeModel_sends_raw_body_and_binds_headers_as_the_model_says()
    {
        var handler = new FakeBedrockHandler().RespondBytes(HttpStatusCode.OK, "{\"completion\":\"ok\"}"u8.ToArray(), "application/json",
            ("X-Amzn-Bedrock-PerformanceConfig-Latency", "optimized"), ("X-Amzn-Bedrock-Service-Tier", "flex"));
        using var client = new BedrockRuntimeClient(TestOptions.Create(handler));
        var body = "{\"prompt\":\"hi\",\"max_tokens\":5}"u8.ToArray();

        var response = await client.InvokeModelAsync(new InvokeModelRequest
        {
            ModelId = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123",
            Body = body,
            Accept = "application/json",
            Trace = "ENABLED",
            GuardrailIdentifier = "gr1",
            GuardrailVersion = "DRAFT",
            PerformanceConfigLatency = "optimized",
            ServiceTier = "flex",
            RequestMetadata = "{\"team\":\"a\"}",
        }, TestContext.Current.CancellationToken);

        Assert.Equal("{\"completion\":\"ok\"}", Encoding.UTF8.GetString(response.Body.Span));
        Assert.Equal("application/json", response.ContentType);
        Assert.Equal("optimized", response.PerformanceConfigLatency);
        Assert.Equal("flex", response.ServiceTier);
        var sent = Assert.Single(handler.Requests);
        Assert.Equal("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fabc123/invoke", sent.Uri.AbsolutePath);
        Assert.Equal(body, sent.Body);
        Assert.Equal("application/json", sent.Headers["Content-Type"]);
        Assert.Equal("application/json", sent.Headers["Accept"]);
        Assert.Equal("ENABLED", sent.Headers["X-Amzn-Bedrock-Trace"]);
        Assert.Equal("gr1", sent.Headers["X-Amzn-Bedrock-GuardrailIdentifier"]);
        Assert.Equal("DRAFT", sent.Headers["X-Amzn-Bedrock-GuardrailVersion"]);
        Assert.Equal("optimized", sent.Headers["X-Amzn-Bedrock-PerformanceConfig-Latency"]);
        Assert.Equal("flex", sent.Headers["X-Amzn-Bedrock-Service-Tier"]);
        Assert.Equal("{\"team\":\"a\"}", sent.Headers["X-Amzn-Bedrock-Request-Metadata"]);
        Assert.Equal(ReferenceSigV4.Sha256Hex(body), sent.Headers["x-amz-content-sha256"]);
        AssertSignatureVerifies(sent, "bedrock-runtime.us-east-1.amazonaws.com");
        // Every bound header is covered by the signature, so a proxy cannot alter them.
        Assert.Contains("x-amzn-bedrock-guardrailidentifier", SignedHeaderNames(sent));
    }

    [Fact]
    public async Task ListModelInvocationJobs_uses_the_control_plane_host_and_query_bindings()
    {
        var handler = new FakeBedrockHandler().Respond(HttpStatusCode.OK, """{"invocationJobSummaries":[]}""");
        using var client = new BedrockClient(TestOptions.Create(handler));

        await client.ListModelInvocationJobsAsync(new ListModelInvocationJobsRequest
        {
            SubmitTimeAfter = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero),
            StatusEquals = "InProgress",
            NameContains = "nightly+run",
            MaxResults = 10,
            SortOrder = "Descending",
        }, TestContext.Current.CancellationToken);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal("bedrock.us-east-1.amazonaws.com", sent.Uri.Host);
        Assert.Equal("/model-invocation-jobs?submitTimeAfter=2026-02-01T00%3A00%3A00Z&statusEquals=InProgress&nameContains=nightly%2Brun&maxResults=10&sortOrder=Descending",
            sent.Uri.PathAndQuery);
        AssertSignatureVerifies(sent, "bedrock.us-east-1.amazonaws.com");
    }

    [Fact]
    public async Task CreateModelInvocationJob_fills_an_idempotency_token_and_sends_the_json_body()
    {
        var handler = new FakeBedrockHandler().Respond(HttpStatusCode.OK, """{"jobArn":"arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/abcdefghijkl"}""");
        using var client = new BedrockClient(TestOptions.Create(handler));

        var response = await client.CreateModelInvocationJobAsync(new CreateModelInvocationJobRequest
        {
            JobName = "nightly-batch-1",
            RoleArn = "arn:aws:iam::123456789012:role/BedrockBatch",
            ModelId = "anthropic.claude-3-haiku-20240307-v1:0",
            InputDataConfig = new() { S3InputDataConfig = new() { S3Uri = "s3://in-bucket/records.jsonl" } },
            OutputDataConfig = new() { S3OutputDataConfig = new() { S3Uri = "s3://out-bucket/results/" } },
        }, TestContext.Current.CancellationToken);

        Assert.EndsWith("/abcdefghijkl", response.JobArn);
        var sent = Assert.Single(handler.Requests);
        Assert.Equal("/model-invocation-job", sent.Uri.AbsolutePath);
        using var json = JsonDocument.Parse(sent.Body);
        Assert.Equal("nightly-batch-1", json.RootElement.GetProperty("jobName").GetString());
        Assert.True(Guid.TryParse(json.RootElement.GetProperty("clientRequestToken").GetString(), out _));
        Assert.Equal("s3://in-bucket/records.jsonl", json.RootElement.GetProperty("inputDataConfig").GetProperty("s3InputDataConfig").GetProperty("s3Uri").GetString());
        Assert.False(json.RootElement.TryGetProperty("vpcConfig", out _));
        AssertSignatureVerifies(sent, "bedrock.us-east-1.amazonaws.com");
    }

    [Fact]
    public async Task StopModelInvocationJob_posts_without_a_body_and_accepts_an_empty_reply()
    {
        var handler = new FakeBedrockHandler().RespondBytes(HttpStatusCode.OK, [], "application/json");
        using var client = new BedrockClient(TestOptions.Create(handler));

        await client.StopModelInvocationJobAsync(new StopModelInvocationJobRequest { JobIdentifier = "abcdefghijkl" }, TestContext.Current.CancellationToken);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("/model-invocation-job/abcdefghijkl/stop", sent.Uri.AbsolutePath);
        Assert.Empty(sent.Body);
    }

    [Fact]
    public async Task Service_url_overrides_the_endpoint_but_signing_stays_bedrock_in_the_region()
    {
        var handler = new FakeBedrockHandler().Respond(HttpStatusCode.OK, """{"inputTokens":7}""");
        var options = TestOptions.Create(handler);
        options.ServiceUrl = new Uri("http://127.0.0.1:4567");
        options.Region = null;
        options.EnvironmentVariables = name => name == "AWS_DEFAULT_REGION" ? "eu-west-3" : null;
        using var client = new BedrockRuntimeClient(options);

        var response = await client.CountTokensAsync(new CountTokensRequest
        {
            ModelId = "anthropic.claude-3-5-haiku-20241022-v1:0",
            Input = new CountTokensInput { InvokeModel = new InvokeModelTokensRequest { Body = "{}"u8.ToArray() } },
        }, TestContext.Current.CancellationToken);

        Assert.Equal(7, response.InputTokens);
        var sent = Assert.Single(handler.Requests);
        Assert.Equal("http://127.0.0.1:4567/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/count-tokens", sent.Uri.AbsoluteUri);
        Assert.Contains("/eu-west-3/bedrock/aws4_request", sent.Headers["Authorization"]);
        Assert.Equal("""{"input":{"invokeModel":{"body":"e30="}}}""", Encoding.UTF8.GetString(sent.Body));
        AssertSignatureVerifies(sent, "127.0.0.1:4567", "eu-west-3");
    }

    [Fact]
    public async Task Region_comes_from_AWS_REGION_before_AWS_DEFAULT_REGION_and_is_required()
    {
        var handler = new FakeBedrockHandler().Respond(HttpStatusCode.OK, ConverseReply);
        var options = TestOptions.Create(handler);
        options.Region = null;
        options.EnvironmentVariables = name => name switch { "AWS_REGION" => "ap-south-1", "AWS_DEFAULT_REGION" => "eu-west-1", _ => null };
        using var client = new BedrockRuntimeClient(options);
        await client.ConverseAsync(Requests.Converse(), TestContext.Current.CancellationToken);
        Assert.Equal("bedrock-runtime.ap-south-1.amazonaws.com", handler.Requests[0].Uri.Host);

        var none = TestOptions.Create(new FakeBedrockHandler());
        none.Region = null;
        using var unconfigured = new BedrockRuntimeClient(none);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => unconfigured.ConverseAsync(Requests.Converse(), TestContext.Current.CancellationToken));
        Assert.StartsWith("Region:", error.Message);
    }

    [Fact]
    public void Tool_config_and_structured_output_serialize_in_the_model_shape()
    {
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"q":{"type":"string"}}}""").RootElement;
        var request = Requests.Converse();
        request.ToolConfig = new ToolConfiguration
        {
            Tools = [new Tool { ToolSpec = new ToolSpecification { Name = "lookup", Description = "find", InputSchema = new ToolInputSchema { Json = schema } } }],
            ToolChoice = new ToolChoice { Auto = new AutoToolChoice() },
        };
        request.OutputConfig = new OutputConfig { TextFormat = OutputFormat.JsonSchema("""{"type":"object"}""", "answer") };
        request.AdditionalModelRequestFields = JsonDocument.Parse("""{"top_k":5}""").RootElement;

        var json = JsonSerializer.Serialize(request, Serverless.Bedrock.Json.BedrockJsonContext.Default.ConverseRequest);

        Assert.Equal(
            """{"messages":[{"role":"user","content":[{"text":"hello"}]}],"toolConfig":{"tools":[{"toolSpec":{"name":"lookup","description":"find","inputSchema":{"json":{"type":"object","properties":{"q":{"type":"string"}}}}}}],"toolChoice":{"auto":{}}},"additionalModelRequestFields":{"top_k":5},"outputConfig":{"textFormat":{"type":"json_schema","structure":{"jsonSchema":{"schema":"{\u0022type\u0022:\u0022object\u0022}","name":"answer"}}}}}""",
            json);
        request.ToolConfig.ToolChoice = new ToolChoice { Tool = new SpecificToolChoice { Name = "lookup" } };
        Assert.Contains("\"toolChoice\":{\"tool\":{\"name\":\"lookup\"}}", JsonSerializer.Serialize(request, Serverless.Bedrock.Json.BedrockJsonContext.Default.ConverseRequest));
    }

    /// <summary>Recomputes the signature from the wire request as a receiving service would, and compares.</summary>
    internal static void AssertSignatureVerifies(SentRequest sent, string host, string region = "us-east-1")
    {
        var authorization = sent.Headers["Authorization"];
        var signedNames = SignedHeaderNames(sent);
        var headers = signedNames.Select(name => new KeyValuePair<string, string>(name, name == "host" ? host : sent.Headers[name]));
        var canonical = ReferenceSigV4.CanonicalRequest(sent.Method.Method, sent.Uri, headers, ReferenceSigV4.Sha256Hex(sent.Body));
        var signedAt = DateTime.ParseExact(sent.Headers["X-Amz-Date"], "yyyyMMdd'T'HHmmss'Z'", null,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        var signature = ReferenceSigV4.Signature(ReferenceSigV4.StringToSign(canonical, signedAt, region, "bedrock"), signedAt, region, "bedrock");
        Assert.EndsWith("Signature=" + signature, authorization);
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{signedAt:yyyyMMdd}/{region}/bedrock/aws4_request, ", authorization);
    }

    private static string[] SignedHeaderNames(SentRequest sent)
    {
        var authorization = sent.Headers["Authorization"];
        var start = authorization.IndexOf("SignedHeaders=", StringComparison.Ordinal) + "SignedHeaders=".Length;
        return authorization[start..authorization.IndexOf(',', start)].Split(';');
    }

    private static string CanonicalPath(SentRequest sent) => ReferenceSigV4.UriEncode(sent.Uri.AbsolutePath, keepSlash: true);
}
