using Serverless.Bedrock;
using Serverless.Bedrock.Model;

namespace Serverless.Bench.Quota.Goodput;

/// <summary>What every simulated caller shares: the Bedrock client, the simulated clock, the recorder.</summary>
public sealed class CallerContext(GoodputScenario scenario, BedrockRuntimeClient client, Quiescence quiescence, SimulatedClock clock, GoodputRecorder recorder, int outputTokenBurndown)
{
    public GoodputScenario Scenario { get; } = scenario;

    public BedrockRuntimeClient Client { get; } = client;

    public GoodputRecorder Recorder { get; } = recorder;

    public int OutputTokenBurndown => outputTokenBurndown;

    /// <summary>Time since the start of the run.</summary>
    public TimeSpan Now => clock.Elapsed;

    /// <summary>
    /// A wait on simulated time that the driver sees as parked. Rounded up to whole milliseconds: Task.Delay with a
    /// TimeProvider truncates to milliseconds, so a shorter wait would not wait at all and a longer one would end early.
    /// </summary>
    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
        => Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(delay.TotalMilliseconds)), quiescence.Callers, cancellationToken);

    public ConverseRequest Converse(SimulatedRequest request) => new()
    {
        ModelId = Scenario.ModelId,
        Messages = [Message(request)],
        InferenceConfig = new InferenceConfiguration { MaxTokens = request.MaxTokens },
    };

    public CountTokensRequest CountTokens(SimulatedRequest request) => new()
    {
        ModelId = Scenario.ModelId,
        Input = new CountTokensInput { Converse = new ConverseTokensRequest { Messages = [Message(request)] } },
    };

    /// <summary>Bedrock's settled charge for an answered call (input + cache writes + output × burndown).</summary>
    public long SettledTokens(TokenUsage usage) => usage.InputTokens + (usage.CacheWriteInputTokens ?? 0) + ((long)usage.OutputTokens * outputTokenBurndown);

    private static Message Message(SimulatedRequest request) => new()
    {
        Role = ConversationRole.User,
        Content = [ContentBlock.FromText(request.Prompt)],
    };
}
