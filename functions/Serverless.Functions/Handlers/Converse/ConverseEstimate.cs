using System.Text.Json;
using Serverless.Bedrock.Json;
using Serverless.Bedrock.Model;

namespace Serverless.Functions.Handlers.Converse;

/// <summary>
/// What the model reads of a Converse call (messages, history included, system prompts and tool definitions) as a
/// CountTokens Converse input: its length feeds the local estimate, its content CountTokens where configured.
/// </summary>
internal static class ConverseEstimate
{
    public static byte[] Body(List<Message>? messages, List<SystemContentBlock>? system, ToolConfiguration? tools)
        => JsonSerializer.SerializeToUtf8Bytes(
            new ConverseTokensRequest { Messages = messages, System = system, ToolConfig = tools },
            BedrockJsonContext.Default.ConverseTokensRequest);
}
