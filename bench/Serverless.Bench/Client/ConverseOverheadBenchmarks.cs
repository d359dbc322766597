using System.Text;
using Amazon.Runtime;
using BenchmarkDotNet.Attributes;
using Serverless.Bedrock;
using Serverless.Bedrock.Model;

namespace Serverless.Bench.Client;

/// <summary>
/// The client's own cost per Converse call, network excluded (issue goal: at most 50 µs): validation, JSON
/// serialization, SigV4 signing, and response parsing, against a handler that answers at once. The baseline
/// is the floor under any client: the same handler called through HttpClient with a pre-serialized body,
/// unsigned, the response read as bytes.
/// </summary>
[MemoryDiagnoser]
public class ConverseOverheadBenchmarks
{
    private const string ModelId = "anthropic.claude-3-5-haiku-20241022-v1:0";

    private static readonly byte[] ResponseBody = Encoding.UTF8.GetBytes(
        """{"output":{"message":{"role":"assistant","content":[{"text":"Paris is the capital of France. It is known for the Eiffel Tower, the Louvre and its cafés."}]}},"stopReason":"end_turn","usage":{"inputTokens":24,"outputTokens":23,"totalTokens":47},"metrics":{"latencyMs":412}}""");

    private static readonly byte[] RequestBody = Encoding.UTF8.GetBytes(
        """{"messages":[{"role":"user","content":[{"text":"What is the capital of France? Answer in two sentences."}]}],"system":[{"text":"You are a concise assistant."}],"inferenceConfig":{"maxTokens":256,"temperature":0.2}}""");

    private BedrockRuntimeClient _client = null!;
    private HttpClient _bareClient = null!;

    [GlobalSetup]
    public void Setup()
    {
        _client = new BedrockRuntimeClient(new BedrockClientOptions
        {
            Region = "us-east-1",
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            HttpMessageHandler = new CannedResponseHandler(ResponseBody),
        });
        _bareClient = new HttpClient(new CannedResponseHandler(ResponseBody)) { BaseAddress = new Uri("https://bedrock-runtime.us-east-1.amazonaws.com") };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _bareClient.Dispose();
    }

    [Benchmark(Baseline = true, Description = "HttpClient, pre-serialized, unsigned")]
    public async Task<int> BareHttpClient()
    {
        using var content = new ByteArrayContent(RequestBody);
        using var response = await _bareClient.PostAsync("/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse", content).ConfigureAwait(false);
        return (await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false)).Length;
    }

    [Benchmark(Description = "BedrockRuntimeClient.ConverseAsync")]
    public async Task<int> Converse()
    {
        var response = await _client.ConverseAsync(new ConverseRequest
        {
            ModelId = ModelId,
            Messages = [new Message { Role = ConversationRole.User, Content = [new ContentBlock { Text = "What is the capital of France? Answer in two sentences." }] }],
            System = [new SystemContentBlock { Text = "You are a concise assistant." }],
            InferenceConfig = new InferenceConfiguration { MaxTokens = 256, Temperature = 0.2f },
        }).ConfigureAwait(false);
        return response.Usage!.TotalTokens;
    }
}
