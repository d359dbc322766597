using Serverless.Bedrock.Model;

namespace Serverless.Bedrock.Tests.Support;

/// <summary>Minimal valid requests for tests that care about something else.</summary>
internal static class Requests
{
    public const string ModelId = "anthropic.claude-3-haiku-20240307-v1:0";

    public static ConverseRequest Converse() => new()
    {
        ModelId = ModelId,
        Messages = [new Message { Role = "user", Content = [ContentBlock.FromText("hello")] }],
    };

    public static ConverseStreamRequest ConverseStream() => new()
    {
        ModelId = ModelId,
        Messages = [new Message { Role = "user", Content = [ContentBlock.FromText("hello")] }],
    };
}
