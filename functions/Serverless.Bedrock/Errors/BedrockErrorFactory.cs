using System.Net;
using Serverless.Bedrock.Model;

namespace Serverless.Bedrock.Errors;

/// <summary>Turns an error code (HTTP response or stream exception frame) into the matching typed exception.</summary>
internal static class BedrockErrorFactory
{
    public static BedrockException Create(string errorCode, string? message, HttpStatusCode statusCode, string? requestId,
        int? originalStatusCode = null, string? originalMessage = null, string? resourceName = null)
    {
        var text = string.IsNullOrEmpty(message) ? $"{errorCode} ({(int)statusCode})" : message;
        return Normalize(errorCode) switch
        {
            "accessdeniedexception" => new AccessDeniedException(text, requestId),
            "resourcenotfoundexception" => new ResourceNotFoundException(text, requestId),
            "throttlingexception" => new ThrottlingException(text, requestId),
            "modelnotreadyexception" => new ModelNotReadyException(text, requestId),
            "modeltimeoutexception" => new ModelTimeoutException(text, requestId),
            "modelerrorexception" => new ModelErrorException(text, requestId, originalStatusCode, resourceName),
            "modelstreamerrorexception" => new ModelStreamErrorException(text, requestId, originalStatusCode, originalMessage),
            "serviceunavailableexception" => new ServiceUnavailableException(text, requestId),
            "internalserverexception" => new InternalServerException(text, requestId),
            "validationexception" => new ValidationException(text, requestId),
            "servicequotaexceededexception" => new ServiceQuotaExceededException(text, requestId),
            "conflictexception" => new ConflictException(text, requestId),
            _ => new BedrockException(text, errorCode, statusCode, requestId),
        };
    }

    /// <summary>Event-stream frames name errors in camelCase (<c>throttlingException</c>); responses in PascalCase.</summary>
    private static string Normalize(string errorCode) => errorCode.ToLowerInvariant();
}
