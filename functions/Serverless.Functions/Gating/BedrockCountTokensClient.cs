using System.Text.Json;
using Serverless.Bedrock;
using Serverless.Bedrock.Json;
using Serverless.Bedrock.Model;
using Serverless.Functions.Configuration;
using Serverless.Quota.Tokens;

namespace Serverless.Functions.Gating;

/// <summary>Bedrock's CountTokens for the models whose capabilities ask for it (exact input counts before reserving).</summary>
internal sealed class BedrockCountTokensClient(Func<BedrockRuntimeClient> client, FunctionsConfiguration configuration) : ICountTokensClient
{
    public bool Supports(string modelId) => configuration.CapabilitiesOf(modelId).CountTokens;

    /// <param name="body">For Converse: a ConverseTokensRequest JSON; for InvokeModel: the native body.</param>
    public async ValueTask<long> CountTokensAsync(string modelId, CountTokensInputKind kind, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var input = kind == CountTokensInputKind.InvokeModel
            ? new CountTokensInput { InvokeModel = new InvokeModelTokensRequest { Body = body.ToArray() } }
            : new CountTokensInput { Converse = JsonSerializer.Deserialize(body.Span, BedrockJsonContext.Default.ConverseTokensRequest) };
        var response = await client().CountTokensAsync(new CountTokensRequest { ModelId = modelId, Input = input }, cancellationToken).ConfigureAwait(false);
        return response.InputTokens;
    }
}
