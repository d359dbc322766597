using Serverless.Bedrock;
using Serverless.Functions.Configuration;
using Serverless.Functions.Memory;
using Serverless.Functions.Gating;

namespace Serverless.Functions.Handlers;

/// <summary>
/// What the functions share, each part created on first use so that a Lambda running one function builds only
/// what that function needs (the quota function never creates a Bedrock client, for instance).
/// </summary>
internal sealed class FunctionServices(
    FunctionsConfiguration configuration,
    TimeProvider time,
    Lazy<BedrockRuntimeClient> bedrock,
    Lazy<QuotaGate> gate,
    TurnMemory memory)
{
    public FunctionsConfiguration Configuration { get; } = configuration;

    public TimeProvider Time { get; } = time;

    public BedrockRuntimeClient Bedrock => bedrock.Value;

    public QuotaGate Gate => gate.Value;

    public TurnMemory Memory { get; } = memory;
}
