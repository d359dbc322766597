using Serverless.Quota.Tokens;

namespace Serverless.Quota.Tests;

public class TokenEstimationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartsFromTheConservativeDefault()
    {
        var estimator = new CalibratedTokenEstimator();

        Assert.Equal(500, await estimator.EstimateInputTokensAsync(new TokenEstimateRequest("m", 1_000), Ct));
        Assert.Equal(0, estimator.Estimate("m", 0));
        Assert.Equal(1, estimator.Estimate("m", 1));
    }

    [Fact]
    public void LearnsTheHighestRecentRatioPerModelPlusAMargin()
    {
        var estimator = new CalibratedTokenEstimator(window: 4, minimumObservations: 2, margin: 0.1);
        estimator.Observe("m", 1_000, 250);
        Assert.Equal(0.5, estimator.TokensPerCharacter("m"));
        estimator.Observe("m", 1_000, 300);

        Assert.Equal(0.33, estimator.TokensPerCharacter("m"), 6);
        Assert.Equal(330, estimator.Estimate("m", 1_000));
        Assert.Equal(0.5, estimator.TokensPerCharacter("other"));
    }

    [Fact]
    public void ForgetsObservationsOutsideTheWindow()
    {
        var estimator = new CalibratedTokenEstimator(window: 2, minimumObservations: 1, margin: 0);
        estimator.Observe("m", 100, 90);
        estimator.Observe("m", 100, 20);
        Assert.Equal(0.9, estimator.TokensPerCharacter("m"), 6);

        estimator.Observe("m", 100, 25);

        Assert.Equal(0.25, estimator.TokensPerCharacter("m"), 6);
    }

    [Fact]
    public void NeverEstimatesBelowAnyRecentObservation()
    {
        var estimator = new CalibratedTokenEstimator();
        var random = new Random(5);
        var pairs = Enumerable.Range(0, 200).Select(_ => (Chars: random.Next(100, 10_000), Ratio: 0.2 + (random.NextDouble() * 0.2))).ToList();
        foreach (var (chars, ratio) in pairs)
        {
            estimator.Observe("m", chars, (long)(chars * ratio));
        }

        Assert.All(pairs, p => Assert.True(estimator.Estimate("m", p.Chars) >= (long)(p.Chars * p.Ratio)));
    }

    [Fact]
    public async Task CountTokensIsUsedWhereSupportedAndCalibratesTheFallback()
    {
        var client = new FakeCountTokens(supported: "claude", answer: 420);
        var fallback = new CalibratedTokenEstimator(minimumObservations: 1, margin: 0);
        var estimator = new CountTokensEstimator(client, fallback);
        byte[] body = [1, 2, 3];

        Assert.Equal(420, await estimator.EstimateInputTokensAsync(new TokenEstimateRequest("claude", 1_000, body), Ct));
        Assert.Equal(0.42, fallback.TokensPerCharacter("claude"), 6);
        Assert.Equal(500, await estimator.EstimateInputTokensAsync(new TokenEstimateRequest("nova", 1_000, body), Ct));
        Assert.Equal(420, await estimator.EstimateInputTokensAsync(new TokenEstimateRequest("claude", 1_000), Ct));
        Assert.Equal(1, client.Calls);
    }

    [Fact]
    public async Task AFailedCountFallsBackToTheEstimate()
    {
        var estimator = new CountTokensEstimator(new FakeCountTokens("claude", answer: -1), new CalibratedTokenEstimator());

        Assert.Equal(500, await estimator.EstimateInputTokensAsync(new TokenEstimateRequest("claude", 1_000, new byte[] { 1 }), Ct));
    }

    private sealed class FakeCountTokens(string supported, long answer) : ICountTokensClient
    {
        public int Calls { get; private set; }

        public bool Supports(string modelId) => modelId == supported;

        public ValueTask<long> CountTokensAsync(string modelId, CountTokensInputKind kind, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
        {
            Calls++;
            return answer < 0 ? throw new HttpRequestException("count failed") : ValueTask.FromResult(answer);
        }
    }
}
