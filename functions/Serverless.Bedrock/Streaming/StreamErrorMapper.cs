using System.Net;
using Serverless.Bedrock.Errors;
using Serverless.Bedrock.EventStreams;

namespace Serverless.Bedrock.Streaming;

/// <summary>Turns <c>exception</c> and <c>error</c> frames of a response stream into exceptions.</summary>
internal static class StreamErrorMapper
{
    /// <summary>The exception a frame carries, or null for an ordinary event.</summary>
    public static BedrockException? ToException(EventStreamMessage message, string? requestId)
    {
        switch (message.MessageType)
        {
            case "exception":
            {
                // The payload is the error shape's JSON; the frame header names the shape in camelCase.
                var body = ErrorBody.Read(message.Payload.Span);
                var code = message.ExceptionType ?? "UnknownException";
                return BedrockErrorFactory.Create(code, body.Message, HttpStatusCode.InternalServerError, requestId,
                    body.OriginalStatusCode, body.OriginalMessage, body.ResourceName);
            }

            case "error":
                // A protocol-level error (not a modelled shape): only the two headers describe it.
                return new BedrockException(message.ErrorMessage ?? message.ErrorCode ?? "The event stream reported an error.",
                    message.ErrorCode ?? "UnknownError", HttpStatusCode.InternalServerError, requestId, isRetryable: false);

            default:
                return null;
        }
    }
}
