using System.Text.Json;
using Serverless.LocalBedrock.Jobs.Contracts;

namespace Serverless.LocalBedrock.Jobs.Tests;

/// <summary>
/// A model invoker whose answers are a pure function of the request body (so expected token totals can be
/// recomputed by the test), with hooks to fail or hold chosen records.
/// </summary>
internal sealed class FakeModelInvoker : IModelInvoker
{
    public const string Claude = "anthropic.claude-3-haiku-20240307-v1:0";
    public const string Nova = "amazon.nova-lite-v1:0";

    private int _calls;

    public HashSet<string> Models { get; } = [Claude, Nova];

    /// <summary>Replaces the default answer when set.</summary>
    public Func<JsonElement, CancellationToken, ValueTask<ModelInvocationResult>>? Respond { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public bool IsKnownModel(string modelId) => Models.Contains(modelId);

    public ValueTask<ModelInvocationResult> InvokeAsync(string modelId, JsonElement modelInput, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Respond?.Invoke(modelInput, cancellationToken) ?? ValueTask.FromResult(Answer(modelInput));
    }

    public static int InputTokens(JsonElement modelInput) => (modelInput.GetRawText().Length / 10) + 1;

    public static int OutputTokens(JsonElement modelInput) => 7 + (modelInput.GetRawText().Length % 13);

    public static ModelInvocationResult Answer(JsonElement modelInput)
    {
        var input = InputTokens(modelInput);
        var output = OutputTokens(modelInput);
        using var body = JsonDocument.Parse(
            $$$"""{"id":"msg_bdrk_fake","type":"message","role":"assistant","model":"claude-3-haiku-20240307","content":[{"type":"text","text":"Summary: it's fine."}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":{{{input}}},"output_tokens":{{{output}}}}}""");
        return new ModelInvocationResult(body.RootElement.Clone(), input, output, null, null);
    }
}
