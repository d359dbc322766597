using Serverless.Quota.Tokens;

namespace Serverless.Conversations.Tests.Memory;

/// <summary>One token per character: budgets in tests are exact character counts.</summary>
internal sealed class CharacterTokens : ITokenEstimator
{
    public int Calls { get; private set; }

    public ValueTask<long> EstimateInputTokensAsync(TokenEstimateRequest request, CancellationToken cancellationToken)
    {
        Calls++;
        return ValueTask.FromResult(request.Characters);
    }

    public void Observe(string modelId, long characters, long actualInputTokens)
    {
    }
}
